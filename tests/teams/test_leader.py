"""The team leader's page: the week by member, coverage, never visited, follow-ups, export."""

import datetime
import io

import openpyxl
from django.utils import timezone

from teams.models import FollowUp, TeamMember
from teams.records import check_visit, parse_record
from teams.services import team_member_add, visit_record
from tests import factories
from tests.teams.conftest import record, signed_in
from wards.models import AuditEntry
from wards.services import adoption_event_record


def save(member, data):
    return visit_record(member=member, draft=check_visit(member=member, record=parse_record(data)))[
        0
    ]


def figures(html: str, name: str) -> list[str]:
    """The figures of one member's card in the week's list."""
    card = html[html.index(f">{name}</h3>") :].split("</li>")[0]
    return [cell.split("<")[0] for cell in card.split("<dd>")[1:]]


def promise(teams, *, days_ago: int, due_in: int, resident=None):
    resident = resident or teams.resident
    return save(
        teams.member,
        record(
            resident.household,
            visited_at=(timezone.now() - datetime.timedelta(days=days_ago)).isoformat(),
            outcome="partly",
            attendees=[{"resident_id": resident.pk, "actions": ["installed_vneid"]}],
            follow_up_on=(timezone.localdate() + datetime.timedelta(days=due_in)).isoformat(),
            follow_up_reason=f"Hẹn {due_in}",
        ),
    ).follow_up


def test_the_week_by_member_and_coverage_per_area(teams):
    year = timezone.localdate().year
    adult = factories.resident(teams.household, full_name="Người Lớn Hai", birth_year=year - 30)
    adoption_event_record(
        resident=adult, milestone="vneid_level2_activated", source="import", verified=True
    )
    factories.household(teams.a1, address="2 Chưa Thăm")
    save(
        teams.member,
        record(
            teams.household,
            attendees=[
                {"resident_id": teams.resident.pk, "actions": ["activated_level2", "cashless"]}
            ],
        ),
    )
    html = signed_in(teams.leader).get("/doi/to-truong/").content.decode()
    assert figures(html, "u_team_member") == ["1", "1", "1", "1", "2"]
    # visits, households, met, people helped, milestones
    assert "Hộ đã thăm: 50 % (1/2)" in html
    assert "Người lớn có VNeID mức 2 (đã kích hoạt): 100 % (2/2)" in html
    assert "Hộ chưa thăm lần nào: 1" in html and "2 Chưa Thăm" in html
    assert teams.households["a2"].address not in html


def test_last_weeks_visits_are_on_last_weeks_page(teams):
    save(
        teams.member,
        record(
            teams.household,
            visited_at=(timezone.now() - datetime.timedelta(days=7)).isoformat(),
            outcome="nobody_home",
        ),
    )
    client = signed_in(teams.leader)
    this_week = client.get("/doi/to-truong/").content.decode()
    start = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday() + 7)
    last_week = client.get("/doi/to-truong/", {"tuan": start.isoformat()}).content.decode()

    assert figures(this_week, "u_team_member")[0] == "0"
    assert figures(last_week, "u_team_member")[0] == "1"
    assert client.get("/doi/to-truong/", {"tuan": "không phải ngày"}).status_code == 400


def test_follow_ups_overdue_and_due_can_be_reassigned_and_cancelled(teams):
    helper = factories.user("u_helper")
    team_member_add(team=teams.team, user=helper, role=TeamMember.Role.MEMBER)
    overdue = promise(teams, days_ago=10, due_in=-3)
    due = promise(
        teams, days_ago=1, due_in=2, resident=factories.resident(factories.household(teams.a1))
    )
    client = signed_in(teams.leader)
    html = client.get("/doi/to-truong/").content.decode()
    assert "Quá hẹn: 1" in html and "Đến hạn trong 7 ngày: 1" in html
    assert html.index("Hẹn -3") < html.index("Hẹn 2")

    response = client.post(
        f"/doi/to-truong/hen/{overdue.pk}/", {"action": "reassign", "assigned_to": helper.pk}
    )
    assert response.status_code == 302
    overdue.refresh_from_db()
    assert overdue.assigned_to == helper
    entry = AuditEntry.objects.get(object_type="followup", object_id=str(overdue.pk))
    assert entry.actor == teams.leader and entry.changes["assigned_to"][1] == "u_helper"

    client.post(f"/doi/to-truong/hen/{due.pk}/", {"action": "cancel"})
    due.refresh_from_db()
    assert due.status == FollowUp.Status.CANCELLED
    response = client.post(f"/doi/to-truong/hen/{due.pk}/", {"action": "cancel"}, follow=True)
    assert "không thể đổi nữa" in response.content.decode()


def test_a_follow_up_goes_only_to_someone_who_walks_the_area(teams):
    follow_up = promise(teams, days_ago=2, due_in=1)
    response = signed_in(teams.leader).post(
        f"/doi/to-truong/hen/{follow_up.pk}/",
        {"action": "reassign", "assigned_to": teams.other_area.pk},
        follow=True,
    )
    follow_up.refresh_from_db()
    assert follow_up.assigned_to == teams.member
    assert "Hãy chọn một tổ viên của tổ." in response.content.decode()


def test_export_of_visits_csv_and_xlsx_is_logged_and_has_no_phone_numbers(teams):
    save(
        teams.member,
        record(
            teams.household,
            attendees=[
                {
                    "resident_id": teams.resident.pk,
                    "actions": ["submitted_online"],
                    "procedure": "Đăng ký kết hôn",
                }
            ],
            notes="Ghi chú",
        ),
    )
    save(teams.other_area, record(teams.households["a2"], outcome="nobody_home"))
    client = signed_in(teams.leader)
    today = timezone.localdate().isoformat()
    response = client.get(
        "/doi/to-truong/xuat/", {"start": today, "end": today, "file_format": "csv"}
    )
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "Đăng ký kết hôn" in text and teams.household.address in text
    assert teams.households["a2"].address not in text  # another team's area
    assert "0912" not in text and "+84" not in text
    assert len(text.strip().splitlines()) == 2
    response = client.get(
        "/doi/to-truong/xuat/", {"start": today, "end": today, "file_format": "xlsx"}
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=3, column=5).value == teams.household.code
    assert (
        AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT, actor=teams.leader).count() == 2
    )


def test_bad_export_dates_are_a_400_in_vietnamese(teams):
    client = signed_in(teams.leader)
    response = client.get(
        "/doi/to-truong/xuat/", {"start": "2026-02-10", "end": "2026-02-01", "file_format": "csv"}
    )
    assert response.status_code == 400
    assert "phải sau" in response.content.decode()
    response = client.get(
        "/doi/to-truong/xuat/", {"start": "hôm qua", "end": "", "file_format": "pdf"}
    )
    html = response.content.decode()
    assert response.status_code == 400 and "Ngày chưa đúng." in html and "CSV hoặc Excel" in html
    assert 'value="hôm qua"' in html
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).exists()


def test_a_leader_without_a_team_is_told_so(two_wards):
    from wards.roles import Role

    html = signed_in(two_wards.users[Role.TEAM_LEADER]).get("/doi/to-truong/").content.decode()
    assert "chưa được phân công làm tổ trưởng" in html
