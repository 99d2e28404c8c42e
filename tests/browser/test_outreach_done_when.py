"""Issue 15, done when: staff run leaflets in two areas and a loudspeaker slot in a third; the
PDF's codes decode to tracked links; residents who open them and report the goal show per area,
with the covered-against-uncovered comparison; a resident issued level 2 gets the reminder and
none after activating; a "GIUP" reply opens a home-service request."""

import datetime
import re
from pathlib import Path
from urllib.parse import urlsplit

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import Page

from campaigns import tasks
from campaigns.models import Enrolment, Journey, JourneyStep
from campaigns.services import messaging_policy_save
from homeservice.models import ServiceRequest
from tests.browser.conftest import PHONE, sign_in
from tests.campaigns.conftest import twilio_account
from tests.fakes.twilio import FakeTwilio, post_twilio_callback
from tests.qr.pdf_helpers import decode_pages
from wards.models import EventSource, Milestone, Resident, Vneid
from wards.services import adoption_event_record

OUTREACH = "/admin/chien-dich/ngoai-tin-nhan/"
GOAL = "Kích hoạt VNeID mức 2"
LESSON = "Kích hoạt tài khoản VNeID mức 2"
# Two phones a scan log tells apart (headless Chromium's own agent counts as a bot).
PHONES = [
    "Mozilla/5.0 (Linux; Android 10; SM-A105F) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36",
    "Mozilla/5.0 (Linux; Android 11; Redmi 9A) AppleWebKit/537.36 Chrome/119 Mobile Safari/537.36",
]


def phone_context(browser, live_server, user_agent):
    return browser.new_context(
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        locale="vi-VN",
        user_agent=user_agent,
        base_url=live_server.url,
    )


def row_cells(page, table: str, place: str) -> list[str]:
    row = page.locator(f'[data-results="{table}"] tbody tr').filter(
        has=page.get_by_role("rowheader", name=place, exact=True)
    )
    return row.locator("td").all_inner_texts()


def comparison_after(page) -> int:
    """Covered residents reaching the goal since the start, as the comparison table shows."""
    row = page.locator('[data-results="comparison"] tbody tr').first
    return int(row.locator("td").nth(2).inner_text().replace(".", ""))


def open_and_report(browser, live_server, user_agent, path, area=None):
    """A resident opens a tracked link on their phone; with `area`, says "I did it" there."""
    context = phone_context(browser, live_server, user_agent)
    page = context.new_page()
    page.goto(path)
    page.get_by_role("link", name=LESSON).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(LESSON)
    if area:
        page.get_by_role("link", name="Báo cho phường: Tôi đã làm được").click()
        page.get_by_label("Bạn ở khu phố nào?").select_option(label=area)
        page.get_by_role("button", name="Gửi: Tôi đã làm được").click()
        expect(page.get_by_text("Phường đã ghi nhận")).to_be_visible()
    context.close()


def create_leaflet(staff, topic) -> None:
    staff.goto(OUTREACH)
    staff.get_by_role("link", name="Tờ rơi", exact=True).click()
    staff.get_by_label("Tên chiến dịch").fill("Tờ rơi kích hoạt VNeID mức 2")
    staff.get_by_label("Mục tiêu").select_option(label=GOAL)
    staff.get_by_label("Dòng chữ lớn trên tờ rơi").fill("Kích hoạt VNeID mức 2 ngay tại nhà")
    staff.get_by_label("Liên kết dẫn đến").select_option(value=str(topic.pk))
    staff.get_by_label("Khu phố 1", exact=True).check()
    staff.get_by_label("Khu phố 2", exact=True).check()
    staff.get_by_label("Số tờ in cho mỗi khu phố").fill("200")
    staff.get_by_role("button", name="Lưu và tạo mã theo dõi").click()
    expect(staff.get_by_text("Đã lưu “Tờ rơi kích hoạt VNeID mức 2”.")).to_be_visible()


def create_loudspeaker(staff, topic) -> str:
    """A script played once in Khu phố 3; the spoken path ("/loa<N>")."""
    staff.goto(OUTREACH)
    staff.get_by_role("link", name="Loa phát thanh").first.click()
    staff.get_by_label("Tên chiến dịch").fill("Loa kích hoạt VNeID mức 2")
    staff.get_by_label("Mục tiêu").select_option(label=GOAL)
    staff.get_by_label("Bài đọc trên loa").fill("Mời bà con kích hoạt VNeID mức 2 ngay tại nhà.")
    staff.get_by_label("Liên kết dẫn đến").select_option(value=str(topic.pk))
    staff.get_by_role("button", name="Lưu và tạo mã theo dõi").click()
    spoken = re.search(r"/loa\d+", staff.locator("p", has_text="Đọc trên loa").inner_text())
    later = timezone.localtime(timezone.now() + datetime.timedelta(hours=1))
    staff.get_by_label("Khu phố").select_option(label="Khu phố 3")
    staff.get_by_label("Giờ phát").fill(later.strftime("%Y-%m-%dT%H:%M"))
    staff.get_by_role("button", name="Thêm giờ phát").click()
    staff.get_by_role("button", name="Xác nhận đã phát").click()
    expect(staff.get_by_text("Đã ghi nhận lượt phát loa.")).to_be_visible()
    return spoken.group(0)


def test_outreach_attribution_reminders_and_a_help_reply(browser, live_server, demo_ward):
    # Lessons live in the city's library; the ward's VNeID topic page lists them, and the form
    # offers the ward's own pages.
    topic = Page.objects.live().descendant_of(demo_ward.site.root_page).get(slug="vneid")
    staff_context = browser.new_context(
        viewport=PHONE, locale="vi-VN", base_url=live_server.url, accept_downloads=True
    )
    staff = staff_context.new_page()
    staff.set_default_timeout(30_000)
    sign_in(staff, "truyenthong")

    # Leaflets for Khu phố 1 and 2; 150 of Khu phố 1's 200 handed out.
    create_leaflet(staff, topic)
    leaflet_page = staff.url
    counts = (
        staff.locator("tr").filter(has=staff.get_by_label("Đã phát")).filter(has_text="Khu phố 1")
    )
    counts.get_by_label("Đã phát").fill("150")
    counts.get_by_role("button", name="Ghi").click()
    expect(staff.get_by_text("Đã ghi số tờ rơi của Khu phố 1.")).to_be_visible()
    # The demo ward's own history: residents already reaching the goal in these days.
    before = {area: int(row_cells(staff, "codes", area)[2]) for area in ("Khu phố 1", "Khu phố 2")}
    covered_before = comparison_after(staff)

    with staff.expect_download() as download:
        staff.get_by_role("link", name="Tải tệp PDF để in").click()
    pdf = Path(download.value.path()).read_bytes()
    urls = [found[0].text for found in decode_pages(pdf)]
    assert len(urls) == 2 and all(re.fullmatch(r"http://localhost/t/\w{5}", u) for u in urls)
    paths = [urlsplit(u).path for u in urls]  # one page per area, in the areas' order

    spoken = create_loudspeaker(staff, topic)
    slot_page = staff.url
    slot_before = int(row_cells(staff, "slots", "Khu phố 3")[2])

    # Two phones scan Khu phố 1's leaflet and report activating; one scans Khu phố 2's only;
    # a listener in Khu phố 3 types the spoken address and reports.
    open_and_report(browser, live_server, PHONES[0], paths[0], "Khu phố 1")
    open_and_report(browser, live_server, PHONES[1], paths[0], "Khu phố 1")
    open_and_report(browser, live_server, PHONES[0], paths[1])
    open_and_report(browser, live_server, PHONES[1], spoken, "Khu phố 3")

    staff.goto(leaflet_page)
    today = timezone.localdate()
    window = f"từ {today:%d/%m/%Y} đến hết {today + datetime.timedelta(days=13):%d/%m/%Y}"
    expect(staff.get_by_text(window)).to_be_visible()
    first = row_cells(staff, "codes", "Khu phố 1")
    converted = before["Khu phố 1"] + 2
    per_hundred = f"{converted * 100 / 150:.1f}".replace(".", ",")
    assert first == ["2", "2", str(converted), "150", per_hundred]
    second = row_cells(staff, "codes", "Khu phố 2")
    assert second[:3] == ["1", "1", str(before["Khu phố 2"])] and second[3] == "200"
    assert comparison_after(staff) == covered_before + 2
    sentence = staff.locator("[data-comparison]").inner_text()
    assert "Chưa đủ bằng chứng" in sentence or re.search(r"khoảng -?[\d,]+ đến", sentence)
    expect(staff.get_by_text(f"14 ngày từ {today:%d/%m/%Y}")).to_be_visible()

    staff.goto(slot_page)
    assert row_cells(staff, "slots", "Khu phố 3")[2] == str(slot_before + 1)
    expect(staff.locator("[data-comparison]")).to_be_visible()
    staff_context.close()

    with FakeTwilio() as fake:
        reminders_and_help(live_server, demo_ward, fake)


def reminders_and_help(live_server, ward, fake):
    # Set-up a ward admin does once on its own pages: an SMS account, sending at any hour (so
    # the test does not depend on the clock), and a journey whose step waits 0 days.
    account = twilio_account(ward, fake)
    messaging_policy_save(
        ward=ward, by=None, send_from=datetime.time(0), send_until=datetime.time(0)
    )
    journey = Journey.objects.create(
        ward=ward,
        name="Nhắc kích hoạt VNeID mức 2",
        starts_on=Milestone.VNEID_LEVEL2_ISSUED,
        goal=Milestone.VNEID_LEVEL2_ACTIVATED,
    )
    JourneyStep.objects.create(
        journey=journey, position=1, delay_days=0, text="Chào {ten}, mời bác kích hoạt VNeID."
    )
    JourneyStep.objects.create(
        journey=journey, position=2, delay_days=0, text="Bác {ten} đã kích hoạt VNeID chưa?"
    )
    resident = (
        Resident.objects.filter(household__ward=ward, consent_to_messages=True, vneid=Vneid.LEVEL1)
        .exclude(phone="")
        .order_by("pk")
        .first()
    )

    def milestone(name):
        # What a team member's synced visit records (teams.services.visits).
        adoption_event_record(
            resident=resident, milestone=name, source=EventSource.VISIT, verified=True
        )

    milestone(Milestone.VNEID_LEVEL2_ISSUED)
    tasks.tick()
    [reminder] = fake.accepted
    assert reminder["phone"] == resident.phone
    assert reminder["body"].startswith("Chào ") and "mời bác kích hoạt VNeID" in reminder["body"]
    # The second step is due at once too, but the resident activates first: nothing more.
    milestone(Milestone.VNEID_LEVEL2_ACTIVATED)
    tasks.tick()
    tasks.tick()
    assert len(fake.accepted) == 1
    assert Enrolment.objects.get(journey=journey, resident=resident).status == "reached"

    url = live_server.url + reverse("campaigns:webhook_inbound", args=["twilio", account.key])
    reply = {"From": resident.phone, "To": "+15005550006", "Body": "GIUP", "MessageSid": "SMg1"}
    response = post_twilio_callback(url, reply, fake.auth_token)
    assert response.status_code == 200
    [request] = ServiceRequest.objects.filter(ward=ward, source="sms_reply")
    assert request.resident == resident and request.need == "GIUP"
