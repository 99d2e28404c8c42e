"""The campaigns admin as communications staff, ward admins and leaders use it."""

import pytest

from campaigns import dispatch, services
from campaigns.models import Campaign, ChannelAccount, MessagingPolicy, OptOut, Recipient
from tests.campaigns.conftest import campaign, person
from tests.fakes.twilio import AUTH_TOKEN, FakeTwilio
from wards.models import AuditEntry, Milestone

pytestmark = pytest.mark.django_db
ADMIN = "/admin/chien-dich/"


def signed_in(client, user):
    client.force_login(user)
    return client


def form_data(world, **overrides):
    data = {
        "ward": world.a.pk,
        "name": "Nhắc kích hoạt VNeID mức 2",
        "goal": Milestone.VNEID_LEVEL2_ACTIVATED,
        "areas": [world.a1.pk, world.a2.pk],
        "lacks": Milestone.VNEID_LEVEL2_ISSUED,
        "requires": "",
        "min_age": "18",
        "max_age": "",
        "channel": world.console.pk,
        "body": "Chào {ten}, mời bác kích hoạt VNeID mức 2 tại {lien_ket}",
        "holdout_percent": "10",
        "conversion_window_days": "30",
        "action": "save",
    }
    data.update(overrides)
    return data


@pytest.fixture
def people(world):
    return [person(world.a1, f"Nguyễn Văn {n}") for n in range(5)] + [
        person(world.a2, "Đã Có", reached=[Milestone.VNEID_LEVEL2_ACTIVATED]),
        person(world.a2, "Không Đồng Ý", consent=False),
    ]


def test_communications_staff_build_a_campaign(client, world, people):
    signed_in(client, world.comms)
    assert client.get(ADMIN).status_code == 200
    assert client.get(ADMIN + "moi/").status_code == 200
    response = client.post(ADMIN + "moi/", form_data(world))
    built = Campaign.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{ADMIN}{built.pk}/"
    assert set(built.areas.all()) == {world.a1, world.a2}
    assert built.created_by == world.comms and built.status == "draft"
    page = client.get(f"{ADMIN}{built.pk}/").content.decode()
    assert "Chốt danh sách và gửi" in page
    for crafted in ("²", "9" * 40, str(world.a1.pk)):  # "²" passes str.isdigit, not int()
        listed = client.get(f"{ADMIN}{built.pk}/nguoi-nhan/", {"khu_pho": crafted})
        assert listed.status_code == 200


def test_bad_input_gets_vietnamese_errors_and_keeps_what_was_typed(client, world):
    signed_in(client, world.comms)
    data = form_data(world, name="", body="Chào {ten_ban}, hẹn gặp", min_age="70", max_age="60")
    response = client.post(ADMIN + "moi/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Không có chỗ trống tên {ten_ban}" in page
    assert "“Đến tuổi” phải lớn hơn hoặc bằng “từ tuổi”" in page
    assert "Chào {ten_ban}, hẹn gặp" in page
    assert not Campaign.objects.exists()


def test_live_count_says_how_many_for_each_reason(client, world, people):
    signed_in(client, world.comms)
    data = form_data(world, lacks="")
    response = client.post(
        ADMIN + f"moi/?partial=1&ward={world.a.pk}", {**data, "action": "preview"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-count="targeted">9<' in page  # 7 people + the two fixture residents
    assert "Đã đạt mục tiêu: <strong>1</strong>" in page
    assert "Chưa đồng ý nhận tin nhắn: <strong>1</strong>" in page
    assert "Trùng số với người khác trong danh sách: <strong>1</strong>" in page
    assert "Xem trước từng người" in page and "Chào An" not in page
    assert "phần tin SMS" in page and "UCS-2" in page


def test_submit_send_and_follow_progress_results_and_export(client, world, people):
    signed_in(client, world.comms)
    client.post(ADMIN + "moi/", form_data(world))
    built = Campaign.objects.get()
    client.post(f"{ADMIN}{built.pk}/thao-tac/", {"action": "submit", "confirmed": "1"})
    built.refresh_from_db()
    assert built.status == Campaign.Status.SENDING
    dispatch.run(world.console.pk)
    progress = client.get(f"{ADMIN}{built.pk}/tien-do.json").json()
    assert progress["percent"] == 100 and progress["status"] == "done"
    results = client.get(f"{ADMIN}{built.pk}/ket-qua/").content.decode()
    assert "Phễu kết quả" in results and "Tác động so với nhóm đối chứng" in results
    outbox = client.get(ADMIN + "hop-thu-thu-nghiem/").content.decode()
    assert "mời bác kích hoạt VNeID mức 2" in outbox
    export = client.get(f"{ADMIN}{built.pk}/nguoi-nhan.csv")
    text = export.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Họ và tên,Khu phố,Điện thoại")
    assert "Nguyễn Văn 0" in text
    assert AuditEntry.objects.filter(action="export", object_type="campaign").exists()


def test_a_campaign_of_another_ward_is_not_found(client, world):
    built = campaign(world.a, world.console, world.comms)
    signed_in(client, world.users["outsider"])
    assert client.get(f"{ADMIN}{built.pk}/").status_code == 404
    assert client.get(f"{ADMIN}{built.pk}/ket-qua/").status_code == 404
    assert client.post(f"{ADMIN}{built.pk}/thao-tac/", {"action": "cancel"}).status_code == 404


def test_team_members_and_leaders_have_no_campaign_admin(client, world):
    for role in ("team_member", "leader"):
        client.force_login(world.users[role])
        assert client.get(ADMIN).status_code in (302, 403)


def test_ward_admin_sets_up_twilio_and_the_secret_is_never_shown_back(client, world):
    admin = world.users["ward_admin"]
    signed_in(client, admin)
    with FakeTwilio() as fake:
        data = {
            "ward": world.a.pk,
            "kenh": "twilio_sms",
            "name": "SMS phường",
            "rate_per_second": "20",
            "price_per_segment": "850",
            "is_active": "on",
            "setting__account_sid": fake.account_sid,
            "setting__from_number": "+15005550006",
            "setting__api_base": fake.url,
            "secret__auth_token": AUTH_TOKEN,
        }
        response = client.post(ADMIN + "kenh/them/?kenh=twilio_sms", data)
    account = ChannelAccount.objects.get(channel="twilio_sms")
    assert response.status_code == 302
    assert account.secrets == {"auth_token": AUTH_TOKEN}
    page = client.get(f"{ADMIN}kenh/{account.pk}/").content.decode()
    assert AUTH_TOKEN not in page and "Đã lưu. Để trống để giữ nguyên" in page
    assert f"/webhooks/twilio/{account.key}/" in page
    client.post(f"{ADMIN}kenh/{account.pk}/", {**data, "secret__auth_token": ""})
    account.refresh_from_db()
    assert account.secrets == {"auth_token": AUTH_TOKEN} and account.rate_per_second == 20
    audit = AuditEntry.objects.filter(object_type="channelaccount").first()
    assert AUTH_TOKEN not in str(audit.changes)


def test_channel_form_says_what_is_missing(client, world):
    signed_in(client, world.users["ward_admin"])
    response = client.post(
        ADMIN + "kenh/them/?kenh=twilio_sms",
        {
            "ward": world.a.pk,
            "kenh": "twilio_sms",
            "name": "SMS",
            "rate_per_second": "10",
            "price_per_segment": "0",
            "setting__account_sid": "AC1",
            "secret__auth_token": "x",
        },
    )
    assert response.status_code == 400
    assert "Thiếu hoặc chưa khớp" in response.content.decode()


def test_communications_staff_cannot_configure_channels(client, world):
    signed_in(client, world.comms)
    for path in ("kenh/", "kenh/them/?kenh=esms", "quy-dinh/"):
        response = client.get(ADMIN + path)  # Wagtail answers a refusal with a redirect home
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert not ChannelAccount.objects.exclude(channel="console").exists()


def test_ward_admin_sets_quiet_hours_cap_and_threshold(client, world):
    signed_in(client, world.users["ward_admin"])
    response = client.post(
        ADMIN + "quy-dinh/",
        {
            "ward": world.a.pk,
            "send_from": "08:00",
            "send_until": "20:00",
            "per_recipient_cap": "2",
            "cap_window_hours": "24",
            "approval_threshold": "100",
        },
    )
    assert response.status_code == 302
    policy = MessagingPolicy.for_ward(world.a)
    assert (policy.send_from.hour, policy.per_recipient_cap, policy.approval_threshold) == (
        8,
        2,
        100,
    )


def test_staff_add_a_number_to_the_opt_out_list(client, world):
    signed_in(client, world.comms)
    response = client.post(ADMIN + "tu-choi/", {"ward": world.a.pk, "phone": "0912 345 678"})
    assert response.status_code == 302
    assert OptOut.objects.filter(phone="+84912345678", source="staff").exists()
    bad = client.post(ADMIN + "tu-choi/", {"ward": world.a.pk, "phone": "12345"})
    assert bad.status_code == 400 and "không hợp lệ" in bad.content.decode()


def test_a_leader_approves_a_big_campaign_outside_the_admin(client, world, people):
    MessagingPolicy.objects.filter(ward=world.a).update(approval_threshold=2)
    built = campaign(world.a, world.console, world.comms, areas=[world.a1])
    services.campaign_submit(campaign=built, by=world.comms)
    assert built.status == Campaign.Status.AWAITING_APPROVAL
    signed_in(client, world.leader)
    listing = client.get("/chien-dich/duyet/").content.decode()
    assert built.name in listing
    page = client.get(f"/chien-dich/duyet/{built.pk}/").content.decode()
    assert "Chào Lan, phường mời" in page  # a made-up sample name, never a resident's
    assert "Nguyễn Văn 0" not in page
    response = client.post(f"/chien-dich/duyet/{built.pk}/", {"action": "send_back", "note": ""})
    assert response.status_code == 400 and "Hãy ghi lý do" in response.content.decode()
    response = client.post(f"/chien-dich/duyet/{built.pk}/", {"action": "approve"})
    assert response.status_code == 302
    built.refresh_from_db()
    assert built.status == Campaign.Status.SENDING and built.approved_by == world.leader
    results = client.get(f"/chien-dich/ket-qua/{built.pk}/").content.decode()
    assert "Phễu kết quả" in results and "Nguyễn Văn 0" not in results


def test_only_leaders_reach_the_approval_pages(client, world):
    built = campaign(world.a, world.console, world.comms)
    signed_in(client, world.comms)
    assert client.get("/chien-dich/duyet/").status_code == 403
    signed_in(client, world.users["outsider"])
    assert client.get(f"/chien-dich/duyet/{built.pk}/").status_code == 403
    client.logout()
    assert client.get("/chien-dich/duyet/").status_code == 302


def test_leader_of_another_ward_cannot_see_the_campaign(client, world):
    from tests import factories
    from wards.roles import Role

    other_leader = factories.user("lead_b", ward=world.b, role=Role.LEADER)
    built = campaign(world.a, world.console, world.comms)
    signed_in(client, other_leader)
    assert client.get(f"/chien-dich/duyet/{built.pk}/").status_code == 404


def test_recipients_are_only_visible_to_staff_of_their_areas(world, people):
    built = campaign(world.a, world.console, world.comms, areas=[world.a1, world.a2])
    services.campaign_submit(campaign=built, by=world.comms)
    assert Recipient.objects.for_user(world.comms).count() == Recipient.objects.count()
    areas = set(
        Recipient.objects.for_user(world.users["team_member"]).values_list("area", flat=True)
    )
    assert areas == {world.a1.pk}
    assert not Recipient.objects.for_user(world.leader).exists()


def test_send_asks_first_naming_count_channel_and_cost(client, world, people):
    signed_in(client, world.comms)
    client.post(ADMIN + "moi/", form_data(world))
    built = Campaign.objects.get()
    page = client.post(f"{ADMIN}{built.pk}/thao-tac/", {"action": "submit"}).content.decode()
    built.refresh_from_db()
    assert built.status == "draft" and not built.recipients.exists()
    assert "Sẽ gửi <strong>" in page and str(world.console) in page and " đ</strong>" in page
    assert 'name="confirmed" value="1"' in page


def test_a_campaign_awaiting_approval_shows_nothing_sent(client, world, people):
    MessagingPolicy.objects.filter(ward=world.a).update(approval_threshold=1)
    signed_in(client, world.comms)
    client.post(ADMIN + "moi/", form_data(world))
    built = Campaign.objects.get()
    OptOut.objects.create(ward=world.a, phone=people[0].phone, source="staff")
    client.post(f"{ADMIN}{built.pk}/thao-tac/", {"action": "submit", "confirmed": "1"})
    built.refresh_from_db()
    assert built.status == "awaiting_approval"
    page = client.get(f"{ADMIN}{built.pk}/").content.decode()
    assert "Đã xử lý" not in page and "Chờ lãnh đạo phường duyệt: chưa gửi tin nào" in page


def test_recipients_are_a_filterable_list(client, world, people):
    signed_in(client, world.comms)
    client.post(ADMIN + "moi/", form_data(world))
    built = Campaign.objects.get()
    client.post(f"{ADMIN}{built.pk}/thao-tac/", {"action": "submit", "confirmed": "1"})
    dispatch.run(world.console.pk)
    url = f"{ADMIN}{built.pk}/nguoi-nhan/"
    everyone = client.get(url).content.decode()
    excluded = client.get(url, {"trang_thai": "excluded"}).content.decode()
    delivered = built.recipients.filter(status="delivered").count()
    assert f"{built.recipients.count()} người nhận" in everyone
    assert f"{built.recipients.filter(status='excluded').count()} người nhận" in excluded
    only_delivered = client.get(url, {"trang_thai": "delivered"}).content.decode()
    assert f"{delivered} người nhận" in only_delivered and delivered > 0
    assert client.get(url, {"trang_thai": "<script>"}).status_code == 200
    outsider = client.__class__()
    outsider.force_login(world.users["outsider"])
    assert outsider.get(url).status_code in (403, 404)


def test_template_fields_show_only_for_a_template_channel(client, world):
    signed_in(client, world.comms)
    page = client.get(ADMIN + f"moi/?ward={world.a.pk}").content.decode()
    assert "data-channel-field" not in page or " hidden>" in page
