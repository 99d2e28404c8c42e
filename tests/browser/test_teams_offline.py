"""A team member logs visits with no network on a 360×740 phone; nothing is lost, nothing doubles.

The network is cut and restored through the DevTools Protocol (Playwright's set_offline, which
sends Network.emulateNetworkConditions to Chromium)."""

import json

from playwright.sync_api import expect

from teams.models import TeamMember, Visit
from teams.services import team_member_set_areas
from tests.browser.conftest import sign_in
from wards.models import AdoptionEvent, Area

TIMEOUT = 20_000


def household_links(phone, area_name: str):
    cards = phone.locator("ol.households a.card").filter(has_text=area_name)
    return [cards.nth(i).get_attribute("href") for i in range(cards.count())]


def log_visit(phone, href: str) -> None:
    """Open a household from "Hôm nay" and save a visit: the first resident present, helped."""
    phone.get_by_role("link", name="Hôm nay", exact=True).click()
    phone.locator(f'ol.households a[href="{href}"]').click()
    expect(phone.get_by_role("heading", name="Ghi lần thăm")).to_be_visible()
    phone.get_by_label("Xong một phần").check()
    first = phone.locator("fieldset.attendee").first
    first.get_by_label("Có mặt").check()
    first.get_by_label("Kích hoạt VNeID mức 2").check()
    first.get_by_label("Cảnh báo lừa đảo qua mạng").check()
    phone.get_by_label("Ghi chú").fill("Ghi khi mất mạng")
    phone.get_by_role("button", name="Lưu lần thăm").click()
    expect(phone.get_by_text("Đã lưu trên điện thoại")).to_be_visible()


def queued(phone) -> list[dict]:
    return phone.evaluate("() => window.phuongSoQueue.all()")


def test_visits_logged_offline_reach_the_server_once_and_a_refused_one_stays(phone, demo_ward):
    sign_in(phone, "tovien")
    assert phone.url.endswith("/doi/")
    expect(phone.get_by_text("Đã lưu các hộ trong danh sách")).to_be_visible(timeout=TIMEOUT)
    in_kp1 = household_links(phone, "Khu phố 1")[:3]
    in_kp2 = household_links(phone, "Khu phố 2")[0]
    before = Visit.objects.count()

    phone.context.set_offline(True)
    expect(phone.get_by_text("Mất mạng — vẫn ghi được")).to_be_visible()
    # While the phone is offline, the leader takes Khu phố 2 away from this member.
    place = TeamMember.objects.get(user__username="tovien")
    team_member_set_areas(place=place, areas=Area.objects.filter(ward=demo_ward, code="kp1"))

    for href in [*in_kp1, in_kp2]:
        log_visit(phone, href)
    expect(phone.locator("[data-pending]")).to_have_text("4")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    records = queued(phone)
    assert len(records) == 4 and len({r["uuid"] for r in records}) == 4
    assert Visit.objects.count() == before  # nothing reached the server
    # A page never opened with a network says so, and points to what still works.
    phone.goto("/doi/ho/999999/")
    expect(phone.get_by_role("heading", name="Mất mạng")).to_be_visible()
    phone.get_by_role("link", name="Về danh sách hôm nay").click()
    expect(phone.locator("[data-pending]")).to_have_text("4")

    phone.context.set_offline(False)
    expect(phone.locator("[data-pending]")).to_have_text("0", timeout=TIMEOUT)
    expect(phone.locator("[data-refused]")).to_have_text("1")

    kp1_uuids = [r["uuid"] for r in records if r["url"] in in_kp1]
    visits = Visit.objects.filter(client_uuid__in=kp1_uuids)
    assert visits.count() == 3 and Visit.objects.count() == before + 3
    for visit in visits:
        assert visit.member.username == "tovien" and visit.notes == "Ghi khi mất mạng"
        events = AdoptionEvent.objects.filter(source_ref=f"visit:{visit.client_uuid}")
        assert {e.milestone for e in events} == {"vneid_level2_activated"}
        assert all(e.verified and e.source == "visit" for e in events)

    # The same batch again, as a phone would resend it after a lost answer: nothing changes.
    counts = (Visit.objects.count(), AdoptionEvent.objects.count())
    token = next(c["value"] for c in phone.context.cookies() if c["name"] == "csrftoken")
    answer = phone.request.post(
        "/api/doi/sync",
        data=json.dumps({"records": [r["payload"] for r in records]}),
        headers={"Content-Type": "application/json", "X-CSRFToken": token},
    ).json()
    assert sorted(r["status"] for r in answer["results"]) == ["duplicate"] * 3 + ["refused"]
    assert (Visit.objects.count(), AdoptionEvent.objects.count()) == counts

    # The refused visit stays on the phone with the reason, and can be corrected or dropped.
    phone.get_by_role("link", name="Hàng chờ", exact=True).click()
    item = phone.locator("#queue-list li").filter(has_text="Bị từ chối")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("không thuộc các khu phố bạn phụ trách")
    assert [r["state"] for r in queued(phone)] == ["refused"]
    # Not editable (the household is out of reach); once the leader gives Khu phố 2 back, resent.
    expect(item.get_by_role("link", name="Sửa")).to_have_count(0)
    team_member_set_areas(
        place=place, areas=Area.objects.filter(ward=demo_ward, code__in=["kp1", "kp2"])
    )
    item.get_by_role("button", name="Gửi lại").click()
    expect(phone.locator("[data-refused]")).to_have_text("0", timeout=TIMEOUT)
    expect(phone.locator("[data-pending]")).to_have_text("0")
    kp2_uuid = next(r["uuid"] for r in records if r["url"] == in_kp2)
    assert Visit.objects.filter(client_uuid=kp2_uuid).count() == 1


def test_a_refused_visit_is_corrected_on_the_phone_and_sent(phone, demo_ward):
    sign_in(phone, "tovien")
    expect(phone.get_by_text("Đã lưu các hộ trong danh sách")).to_be_visible(timeout=TIMEOUT)
    href = household_links(phone, "Khu phố 2")[0]
    phone.context.set_offline(True)
    phone.locator(f'ol.households a[href="{href}"]').click()
    phone.get_by_label("Đã xong").check()
    phone.get_by_text("Người mới gặp (chưa có trong hộ)").click()
    phone.get_by_label("Họ và tên người mới").fill("Đinh Thị Mới")
    # A number that is plainly wrong is caught on the phone, before anything is queued.
    phone.get_by_label("Điện thoại người mới").fill("0123 456")
    phone.get_by_role("button", name="Lưu lần thăm").click()
    expect(phone.locator("#visit-form [data-form-error]")).to_contain_text(
        "Số điện thoại chưa đúng"
    )
    expect(phone.locator("[data-pending]")).to_have_text("0")
    # One only the server knows is wrong (no network has 050): refused once sent.
    phone.get_by_label("Điện thoại người mới").fill("0501 234 567")
    phone.get_by_role("button", name="Lưu lần thăm").click()
    expect(phone.get_by_text("Đã lưu trên điện thoại")).to_be_visible()
    phone.context.set_offline(False)
    expect(phone.locator("[data-refused]")).to_have_text("1", timeout=TIMEOUT)

    phone.get_by_role("link", name="Hàng chờ", exact=True).click()
    item = phone.locator("#queue-list li").filter(has_text="Bị từ chối")
    expect(item).to_contain_text("không hợp lệ")
    item.get_by_role("link", name="Sửa").click()
    expect(phone.get_by_text("Đang sửa bản ghi bị từ chối")).to_be_visible()
    expect(phone.get_by_label("Họ và tên người mới")).to_have_value("Đinh Thị Mới")
    phone.get_by_label("Điện thoại người mới").fill("0912 345 678")
    phone.get_by_role("button", name="Lưu lần thăm").click()
    expect(phone.locator("[data-refused]")).to_have_text("0", timeout=TIMEOUT)
    expect(phone.locator("[data-pending]")).to_have_text("0")
    visit = Visit.objects.get(attendees__resident__full_name="Đinh Thị Mới")
    assert visit.attendees.get().resident.phone == "+84912345678"


def test_an_expired_login_and_a_lost_answer_lose_nothing(phone, demo_ward):
    sign_in(phone, "tovien")
    expect(phone.get_by_text("Đã lưu các hộ trong danh sách")).to_be_visible(timeout=TIMEOUT)
    href = household_links(phone, "Khu phố 1")[0]
    phone.context.set_offline(True)
    log_visit(phone, href)
    uuid = queued(phone)[0]["uuid"]

    # The session ends while the phone is offline; the network returns.
    phone.context.clear_cookies()
    phone.context.set_offline(False)
    expect(phone.get_by_role("link", name="Đăng nhập lại")).to_be_visible(timeout=TIMEOUT)
    expect(phone.get_by_text("Phiên đăng nhập đã hết")).to_be_visible()
    expect(phone.locator("[data-pending]")).to_have_text("1")
    assert not Visit.objects.filter(client_uuid=uuid).exists()

    # The first answer after signing in is lost on the way back: the server saved the visit,
    # the phone does not know and keeps the record.
    lost = []

    def lose_answer(route):
        route.fetch()
        lost.append(route.request.url)
        route.abort()

    phone.route("**/api/doi/sync", lose_answer)
    phone.get_by_role("link", name="Đăng nhập lại").click()
    phone.get_by_label("Tên đăng nhập").fill("tovien")
    phone.get_by_label("Mật khẩu").fill("phuongso-demo")
    phone.get_by_role("button", name="Đăng nhập").click()
    assert phone.url.endswith(href)  # back where the member was
    expect(phone.get_by_text("Chưa gửi được, sẽ thử lại")).to_be_visible(timeout=TIMEOUT)
    assert lost and Visit.objects.filter(client_uuid=uuid).count() == 1
    expect(phone.locator("[data-pending]")).to_have_text("1")

    phone.unroute("**/api/doi/sync")
    phone.get_by_role("button", name="Gửi ngay").click()
    expect(phone.locator("[data-pending]")).to_have_text("0", timeout=TIMEOUT)
    assert Visit.objects.filter(client_uuid=uuid).count() == 1
    assert queued(phone) == []
