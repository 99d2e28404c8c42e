"""Home service end to end on a 360×740 phone: a relative asks from a procedure page, the team
member schedules, visits offline, ticks the documents and syncs, the one-stop officer records the
dossier number, the resident gets both messages (loopback Twilio), and the leader's counts move."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from campaigns.models import MessagingPolicy
from homeservice.models import ServiceRequest
from homeservice.services import vulnerability_record
from qr.models import Procedure, ProcedureIndexPage
from tests.browser.conftest import sign_in
from tests.campaigns.conftest import twilio_account
from tests.fakes.twilio import FakeTwilio
from wards.models import Household

TIMEOUT = 20_000
PHONE = "+84912777001"


@pytest.fixture
def gateway(demo_ward):
    with FakeTwilio() as fake:
        policy = MessagingPolicy.for_ward(demo_ward)
        policy.send_from = policy.send_until = datetime.time(0)
        policy.save()
        twilio_account(demo_ward, fake)
        yield fake


@pytest.fixture
def elderly_household(demo_ward):
    """A Khu phố 1 household the member has already marked elderly-alone, with the person's phone."""
    from django.contrib.auth import get_user_model

    taken = ServiceRequest.objects.values("household_id")
    household = (
        Household.objects.filter(ward=demo_ward, area__code="kp1")
        .exclude(pk__in=taken)
        .order_by("pk")
        .first()
    )
    person = household.residents.order_by("pk").first()
    person.phone = PHONE
    person.save(update_fields=["phone"])
    member = get_user_model().objects.get(username="tovien")
    vulnerability_record(household=household, kind="elderly_alone", consent=True, by=member)
    return household


def reached(page, asked, status: str) -> None:
    """Wait until the queue has delivered the step to the server (it sends in the background)."""
    for _ in range(240):
        asked.refresh_from_db()
        if asked.status == status:
            # The queue may be navigating the page itself after it sent; let that finish first.
            page.wait_for_load_state()
            try:
                page.reload()
            except PlaywrightError:
                page.wait_for_load_state()
                page.reload()
            return
        page.wait_for_timeout(500)
    raise AssertionError(f"the request never reached {status}: {asked.status}")


def leader_figure(page, name) -> str:
    page.goto("/thong-ke/")
    return page.locator(f'[data-figure="{name}"]').inner_text()


def test_from_a_relatives_request_to_the_result_at_home(
    browser, live_server, demo_ward, gateway, elderly_household
):
    def device():
        context = browser.new_context(
            viewport={"width": 360, "height": 740},
            is_mobile=True,
            has_touch=True,
            locale="vi-VN",
            base_url=live_server.url,
        )
        page = context.new_page()
        page.set_default_timeout(30_000)
        return page

    leader = device()
    sign_in(leader, "lanhdao")
    requests_before = leader_figure(leader, "requests")

    # A relative opens the birth registration page and asks for help.
    relative = device()
    procedure = Procedure.objects.get(ward=demo_ward, code="1.001193")
    index = ProcedureIndexPage.objects.live().first()
    relative.goto(urlsplit(index.procedure_url(procedure)).path)
    relative.get_by_role("link", name="Nhờ tổ công nghệ số giúp").click()
    relative.get_by_label("Cho người thân của tôi").check()
    relative.get_by_label("Họ tên người cần giúp").fill("Bà Nội")
    relative.get_by_label("Tên của bạn (nếu nhờ cho người thân)").fill("Cháu Minh")
    relative.get_by_label("Số điện thoại để tổ gọi lại").fill("0912 777 001")
    relative.get_by_label("Người cần giúp ở khu phố nào?").select_option(label="Khu phố 1")
    relative.get_by_label("Tôi đồng ý để tổ công nghệ số liên hệ và giúp làm hồ sơ").check()
    relative.get_by_role("button", name="Gửi lời nhờ").click()
    expect(relative.get_by_role("heading", name="Phường đã nhận lời nhờ của bạn")).to_be_visible()
    asked = ServiceRequest.objects.latest("pk")
    assert asked.household == elderly_household and asked.source == "relative"

    # It is first in the member's list, marked elderly-alone.
    member = device()
    sign_in(member, "tovien")
    member.get_by_role("link", name="Việc nhờ", exact=True).first.click()
    first = member.locator("ol.service-requests > li").first
    expect(first).to_contain_text("Đăng ký khai sinh")
    expect(first).to_contain_text("Người cao tuổi sống một mình")
    assert member.evaluate("document.documentElement.scrollWidth") <= 360
    first.locator("a").click()

    # Schedule online: the page comes back with the appointment.
    member.get_by_label("Bước").select_option(label="Đã hẹn")
    when = timezone.localtime(timezone.now() + datetime.timedelta(days=1)).strftime(
        "%Y-%m-%dT%H:%M"
    )
    member.get_by_label("Giờ hẹn").fill(when)
    member.get_by_role("button", name="Lưu bước").click()
    reached(member, asked, "scheduled")
    expect(member.locator("[data-status]")).to_have_text("Đã hẹn")

    # At the door with no network: visited, then the documents taken.
    member.context.set_offline(True)
    member.get_by_label("Bước").select_option(label="Đã đến nhà")
    member.get_by_role("button", name="Lưu bước").click()
    expect(member.get_by_text("Đã lưu trên điện thoại")).to_be_visible()
    member.get_by_label("Bước").select_option(label="Đã nhận giấy tờ")
    for document in procedure.document_list():
        member.get_by_label(document).check()
    member.get_by_role("button", name="Lưu bước").click()
    expect(member.locator("[data-pending]")).to_have_text("2")
    asked.refresh_from_db()
    assert asked.status == "scheduled"
    # Back online, the queue sends by itself (the "online" event); no tap needed.
    member.context.set_offline(False)
    reached(member, asked, "documents_taken")
    expect(member.locator("[data-pending]")).to_have_text("0", timeout=TIMEOUT)
    assert all(d["taken"] for d in asked.documents)

    # The one-stop officer types the portal's dossier number, then the result is delivered.
    officer = device()
    sign_in(officer, "motcua")
    officer.goto(f"/admin/phuc-vu-tai-nha/{asked.pk}/")
    officer.get_by_label("Bước").select_option(label="Đã nộp trực tuyến")
    officer.get_by_label("Mã hồ sơ trên Cổng").fill("000.00.31.H01-251202-0099")
    officer.get_by_role("button", name="Lưu bước").click()
    expect(officer.locator("[data-dossier]")).to_have_text("000.00.31.H01-251202-0099")
    officer.get_by_label("Bước").select_option(label="Đã trả kết quả")
    officer.get_by_role("button", name="Lưu bước").click()
    expect(officer.locator("[data-status]")).to_have_text("Đã trả kết quả")

    bodies = [m["body"] for m in gateway.accepted_for(PHONE)]
    assert len(bodies) == 2
    assert "hẹn đến nhà" in bodies[0]
    assert "000.00.31.H01-251202-0099" in bodies[1]

    # The leader's counts moved; no names on the page.
    assert leader_figure(leader, "requests") != requests_before
    assert "Bà Nội" not in leader.content()
