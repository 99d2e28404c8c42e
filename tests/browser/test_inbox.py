"""A resident's SMS reply reaches the staff inbox; staff read it and answer on a phone-sized screen,
and the answer goes to the resident through the ward's SMS account."""

import datetime

from django.urls import reverse
from playwright.sync_api import expect

from campaigns.models import InboundMessage
from campaigns.services import messaging_policy_save
from tests.browser.conftest import sign_in
from tests.campaigns.conftest import twilio_account
from tests.fakes.twilio import FakeTwilio, post_twilio_callback
from wards.models import Resident


def test_staff_read_a_reply_and_answer_it(demo_ward, phone, live_server):
    with FakeTwilio() as fake:
        account = twilio_account(demo_ward, fake)
        # Any hour, so the answer goes at once whatever the clock says.
        messaging_policy_save(
            ward=demo_ward, by=None, send_from=datetime.time(0), send_until=datetime.time(0)
        )
        resident = (
            Resident.objects.filter(household__ward=demo_ward, consent_to_messages=True)
            .exclude(phone="")
            .select_related("household__area")
            .order_by("pk")
            .first()
        )
        url = live_server.url + reverse("campaigns:webhook_inbound", args=["twilio", account.key])
        reply = {
            "From": resident.phone,
            "To": "+15005550006",
            "Body": "Cho bác hỏi lịch làm căn cước ở phường",
            "MessageSid": "SMinbox1",
        }
        assert post_twilio_callback(url, reply, fake.auth_token).status_code == 200
        # No keyword in it: the resident is told once what GIUP / HUY / DUNG do.
        [help_text] = fake.accepted
        assert "GIUP" in help_text["body"]

        sign_in(phone, "truyenthong")
        phone.goto("/admin/chien-dich/hop-thu/")
        row = phone.locator("tbody tr").filter(has_text="Cho bác hỏi lịch làm căn cước")
        expect(row).to_contain_text(resident.household.area.name)
        expect(row).to_contain_text("1 chưa đọc")
        row.get_by_role("link", name=resident.full_name).click()
        expect(phone.get_by_text("Cho bác hỏi lịch làm căn cước ở phường")).to_be_visible()
        assert InboundMessage.objects.get(provider_id="SMinbox1").read_at is not None

        # An empty answer is refused in Vietnamese; a real one is sent and said so.
        phone.get_by_role("button", name="Gửi trả lời").click()
        expect(phone.get_by_text("Nhập nội dung trả lời.")).to_be_visible()
        answer = "Chào bác, phường làm căn cước sáng thứ Bảy, 7h30–11h."
        phone.get_by_label("Trả lời").fill(answer)
        phone.get_by_role("button", name="Gửi trả lời").click()
        expect(phone.get_by_text("Tin trả lời đang được gửi đi.")).to_be_visible()
        assert [m["body"] for m in fake.accepted[1:]] == [answer]
        assert fake.accepted[1]["phone"] == resident.phone
        no_overflow = "document.documentElement.scrollWidth <= window.innerWidth + 1"
        assert phone.evaluate(no_overflow)
