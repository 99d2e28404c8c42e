"""The field app's pages: "Hôm nay", a household's card and visit form, adding people, the PWA."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from teams.models import Visit
from tests import factories
from tests.teams.conftest import signed_in
from wards.models import AuditEntry, Household, Resident
from wards.services import adoption_event_record


def test_today_lists_the_households_that_need_help_first(teams):
    year = timezone.localdate().year
    done = factories.household(teams.a1, address="1 Đã Xong")
    for name in ("Ông Xong", "Bà Xong"):
        person = factories.resident(done, full_name=name, birth_year=year - 40)
        for milestone in (
            "vneid_level2_activated",
            "public_service_account",
            "online_submission",
            "cashless_payment",
        ):
            adoption_event_record(
                resident=person, milestone=milestone, source="import", verified=True
            )
    needy = factories.household(teams.a1, address="2 Cần Giúp")
    for name in ("Cụ Một", "Cụ Hai", "Cụ Ba"):
        factories.resident(needy, full_name=name, birth_year=year - 70)
    html = signed_in(teams.member).get("/doi/").content.decode()
    assert html.index("2 Cần Giúp") < html.index(teams.household.address) < html.index("1 Đã Xong")
    assert "3 người cần giúp" in html
    assert teams.households["a2"].address not in html  # another area


def test_search_ignores_accents_and_case(teams):
    factories.household(teams.a1, address="15 Đường Hùng Vương", head_name="Phạm Thị Loan")
    client = signed_in(teams.member)
    assert "15 Đường Hùng Vương" in client.get("/doi/", {"q": "duong hung vuong"}).content.decode()
    assert "15 Đường Hùng Vương" in client.get("/doi/", {"q": "PHAM THI LOAN"}).content.decode()
    html = client.get("/doi/", {"q": "hung vuong"}).content.decode()
    assert teams.household.address not in html
    # Any resident's name, not only the head's.
    factories.resident(teams.household, full_name="Đoàn Thị Ánh Tuyết")
    html = client.get("/doi/", {"q": "doan thi anh tuyet"}).content.decode()
    assert teams.household.address in html and "15 Đường Hùng Vương" not in html


def test_today_costs_the_same_queries_for_5_or_60_households(teams):
    client = signed_in(teams.member)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/doi/").status_code == 200
        return len(captured)

    for _ in range(4):
        factories.resident(factories.household(teams.a1))
    queries()  # the first request also fills the site and settings caches
    few = queries()
    for _ in range(55):
        factories.resident(factories.household(teams.a1))
    assert queries() == few


def test_a_long_list_is_paged_and_the_first_page_is_the_neediest(teams):
    year = timezone.localdate().year
    for number in range(25):
        factories.household(teams.a1, address=f"{number} Hẻm Không Người")
    needy = factories.household(teams.a1, address="99 Cuối Danh Sách")
    factories.resident(needy, full_name="Cụ Cần Giúp", birth_year=year - 80)
    client = signed_in(teams.member)
    first = client.get("/doi/").content.decode()
    assert "99 Cuối Danh Sách" in first and "Trang 1/2" in first
    assert "Trang 2/2" in client.get("/doi/", {"trang": "2"}).content.decode()
    assert client.get("/doi/", {"trang": "abc"}).status_code == 200


def test_household_card_shows_residents_statuses_and_phone_to_the_team(teams):
    html = signed_in(teams.member).get(f"/doi/ho/{teams.household.pk}/").content.decode()
    assert teams.resident.full_name in html
    assert "VNeID: Chưa có" in html
    assert "0912 000 002" in html  # the team of the area reads the whole number
    assert 'name="client_uuid"' in html


def test_the_plain_form_records_a_visit_without_javascript(teams):
    client = signed_in(teams.member)
    response = client.post(
        f"/doi/ho/{teams.household.pk}/",
        {
            "client_uuid": "6f0c3c1e-0d7a-4b55-9a4e-2b8f0b9d1a11",
            "outcome": "done",
            "present": [str(teams.resident.pk)],
            f"actions_{teams.resident.pk}": ["public_service_account"],
            "notes": "Bác nhớ mật khẩu rồi",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/doi/"
    visit = Visit.objects.get()
    assert visit.notes == "Bác nhớ mật khẩu rồi"
    teams.resident.refresh_from_db()
    assert teams.resident.has_public_service_account


def test_a_refused_plain_form_keeps_what_was_typed(teams):
    response = signed_in(teams.member).post(
        f"/doi/ho/{teams.household.pk}/",
        {
            "client_uuid": "6f0c3c1e-0d7a-4b55-9a4e-2b8f0b9d1a12",
            "outcome": "done",
            "notes": "Ghi chú dài của tổ viên",
            "follow_up_reason": "Quay lại sau",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Hãy chọn ít nhất một người có mặt." in html
    assert "Hãy chọn ngày hẹn quay lại." in html
    assert "Ghi chú dài của tổ viên" in html and 'value="Quay lại sau"' in html
    assert 'value="done" required checked' in html
    assert not Visit.objects.exists()


def test_adding_a_household_and_a_resident_met_in_the_field(teams):
    client = signed_in(teams.member)
    response = client.post(
        "/doi/ho/them/",
        {
            "area": teams.a1.pk,
            "address": "7 Hẻm Mới",
            "head_name": "Võ Văn Tư",
            "phone": "0905 123 456",
            "size": 2,
        },
    )
    household = Household.objects.get(address="7 Hẻm Mới")
    assert response["Location"] == f"/doi/ho/{household.pk}/them-nguoi/"
    assert household.phone == "+84905123456" and household.search_text == "7 hem moi vo van tu"
    response = client.post(response["Location"], {"full_name": "Võ Thị Năm", "birth_year": "1948"})
    assert response["Location"] == f"/doi/ho/{household.pk}/"
    person = Resident.objects.get(household=household)
    assert AuditEntry.objects.filter(actor=teams.member, object_type="household").exists()
    assert AuditEntry.objects.filter(
        actor=teams.member, object_type="resident", object_id=str(person.pk)
    ).exists()


def test_bad_household_input_is_a_400_with_the_values_kept(teams):
    client = signed_in(teams.member)
    response = client.post(
        "/doi/ho/them/",
        {
            "area": teams.a1.pk,
            "address": "8 Hẻm Lỗi",
            "head_name": "",
            "phone": "01234567890",
            "size": 0,
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        "Vui lòng điền mục này." in html and "11 chữ số cũ" in html and "Ít nhất 1 người." in html
    )
    assert 'value="8 Hẻm Lỗi"' in html
    # An area the member does not walk is not a choice.
    response = client.post(
        "/doi/ho/them/", {"area": teams.a2.pk, "address": "9 Khác", "head_name": "A", "size": 1}
    )
    assert response.status_code == 400 and not Household.objects.filter(address="9 Khác").exists()
    # The same household twice is spotted.
    response = client.post(
        "/doi/ho/them/",
        {
            "area": teams.a1.pk,
            "address": teams.household.address.upper(),
            "head_name": teams.household.head_name,
            "size": 1,
        },
    )
    assert "đã có trong danh sách" in response.content.decode()


def test_bad_resident_input_is_refused_in_vietnamese(teams):
    client = signed_in(teams.member)
    url = f"/doi/ho/{teams.household.pk}/them-nguoi/"
    next_year = str(timezone.localdate().year + 1)
    html = client.post(
        url, {"full_name": "Người Tương Lai", "birth_year": next_year}
    ).content.decode()
    assert "Năm sinh chưa đúng." in html
    html = client.post(url, {"full_name": teams.resident.full_name.lower()}).content.decode()
    assert "đã có trong hộ" in html


def test_the_field_app_is_an_installable_pwa_with_its_own_worker(teams):
    client = signed_in(teams.member)
    worker = client.get("/doi/sw.js")
    assert worker.status_code == 200 and worker["Content-Type"].startswith("application/javascript")
    body = worker.content.decode()
    assert "/static/teams/field.js" in body and "/doi/ngoai-tuyen/" in body
    manifest = client.get("/doi/manifest.webmanifest").json()
    assert manifest["scope"] == "/doi/" and manifest["start_url"] == "/doi/"
    html = client.get("/doi/").content.decode()
    assert 'rel="manifest"' in html and "<script>" not in html  # no inline script (CSP)
    assert "script-src 'self'" in client.get("/doi/")["Content-Security-Policy"]


def test_queue_and_offline_pages(teams):
    assert signed_in(teams.member).get("/doi/hang-cho/").status_code == 200
    assert "Mất mạng" in signed_in(teams.member).get("/doi/ngoai-tuyen/").content.decode()


def test_due_follow_ups_of_the_member_are_on_top(teams):
    from teams.records import check_visit, parse_record
    from teams.services import visit_record
    from tests.teams.conftest import record

    data = record(
        teams.household,
        visited_at=(timezone.now() - datetime.timedelta(days=9)).isoformat(),
        outcome="partly",
        attendees=[{"resident_id": teams.resident.pk}],
        follow_up_on=(timezone.localdate() - datetime.timedelta(days=2)).isoformat(),
        follow_up_reason="Mang giấy tờ để nộp",
    )
    visit_record(
        member=teams.member, draft=check_visit(member=teams.member, record=parse_record(data))
    )
    html = signed_in(teams.member).get("/doi/").content.decode()
    assert "Hẹn quay lại đến hạn" in html and "Quá hẹn" in html and "Mang giấy tờ để nộp" in html


def test_the_plain_form_ignores_a_crafted_resident_field(teams):
    response = signed_in(teams.member).post(
        f"/doi/ho/{teams.household.pk}/",
        {
            "client_uuid": "6f0c3c1e-0d7a-4b55-9a4e-2b8f0b9d1a19",
            "outcome": "done",
            "present": ["²"],  # a digit to str.isdigit, not to int()
            "actions_²": ["public_service_account"],
            "notes": "Đã đến",
        },
    )
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert "Đã đến" in response.content.decode()
