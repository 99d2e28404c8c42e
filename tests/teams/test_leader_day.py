"""The team leader's day: crafted weeks, a deleted member, notes that would break or hijack the
sheet, the XLSX layout, cancelling with undo, coverage per area, members by full name."""

import datetime
import io

import openpyxl
import pytest
from django.utils import timezone

from teams.models import FollowUp
from tests import factories
from tests.teams.conftest import record, signed_in
from tests.teams.test_leader import promise, save


@pytest.mark.parametrize("week", ["9999-12-31", "0001-01-01", "2026-02-30", "x" * 500])
def test_a_crafted_week_is_a_400_in_vietnamese_with_this_week_shown(teams, week):
    response = signed_in(teams.leader).get("/doi/to-truong/", {"tuan": week})
    assert response.status_code == 400
    html = response.content.decode()
    assert "tuần" in html and ("từ năm 2000" in html or "Ngày của tuần chưa đúng" in html)
    assert "Lần thăm tuần" in html  # the page still works, at this week


def test_the_household_page_of_a_visit_by_a_deleted_account_opens(teams):
    save(teams.other_area, record(teams.households["a2"], outcome="nobody_home"))
    visit = save(teams.member, record(teams.household, outcome="nobody_home"))
    teams.member.delete()
    response = signed_in(teams.leader).get(f"/doi/ho/{visit.household_id}/")
    assert response.status_code == 200
    assert "(tài khoản đã xóa)" in response.content.decode()


def export(client, file_format):
    today = timezone.localdate().isoformat()
    return client.get(
        "/doi/to-truong/xuat/", {"start": today, "end": today, "file_format": file_format}
    )


def test_the_xlsx_has_named_sheets_a_title_a_frozen_header_and_safe_cells(teams):
    teams.leader.first_name = "Nguyễn Thị Hương"
    teams.leader.save()
    visit = save(teams.leader, record(teams.household, outcome="nobody_home", notes="=1+1"))
    # A NUL or vertical tab that got in before notes were cleaned on the way in.
    type(visit).objects.filter(pk=visit.pk).update(notes="Cửa\x01 khóa\x0b =HYPERLINK(1)")
    client = signed_in(teams.leader)
    response = export(client, "xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Lần thăm", "Độ phủ"]
    sheet = book["Lần thăm"]
    assert teams.team.name in sheet["A1"].value
    assert sheet["A2"].value == "Ngày" and sheet["A2"].font.bold
    assert sheet.freeze_panes == "A3"
    assert sheet.column_dimensions["F"].width >= 20
    row = [cell.value for cell in sheet[3]]
    assert "Nguyễn Thị Hương" in row
    assert "Cửa khóa =HYPERLINK(1)" in row
    assert book["Độ phủ"]["A3"].value == teams.a1.name


def test_cells_that_start_like_a_formula_stay_text_in_csv_and_xlsx(teams):
    save(teams.leader, record(teams.household, outcome="nobody_home", notes="=cmd|' /C calc'!A0"))
    client = signed_in(teams.leader)
    assert "'=cmd" in export(client, "csv").content.decode("utf-8-sig")
    sheet = openpyxl.load_workbook(io.BytesIO(export(client, "xlsx").content))["Lần thăm"]
    notes = sheet.cell(row=3, column=13)
    assert notes.value.startswith("'=") and notes.data_type == "s"


def test_cancelling_a_follow_up_asks_first_and_can_be_undone(teams):
    follow_up = promise(teams, days_ago=3, due_in=-1)
    client = signed_in(teams.leader)
    page = client.get("/doi/to-truong/").content.decode()
    assert "data-confirm=" in page and "button--danger" in page
    response = client.post(f"/doi/to-truong/hen/{follow_up.pk}/", {"action": "cancel"}, follow=True)
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUp.Status.CANCELLED
    assert "Hoàn tác" in response.content.decode()
    response = client.post(f"/doi/to-truong/hen/{follow_up.pk}/", {"action": "undo"}, follow=True)
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUp.Status.OPEN
    assert "Đã khôi phục" in response.content.decode()


def test_undo_is_refused_once_its_time_has_passed(teams):
    follow_up = promise(teams, days_ago=3, due_in=-1)
    client = signed_in(teams.leader)
    client.post(f"/doi/to-truong/hen/{follow_up.pk}/", {"action": "cancel"})
    FollowUp.objects.filter(pk=follow_up.pk).update(
        updated_at=timezone.now() - datetime.timedelta(hours=1)
    )
    response = client.post(f"/doi/to-truong/hen/{follow_up.pk}/", {"action": "undo"}, follow=True)
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUp.Status.CANCELLED
    assert "quá thời gian hoàn tác" in response.content.decode()


def test_coverage_has_a_bar_per_area_and_the_unvisited_households_per_area(teams):
    save(teams.member, record(teams.household, outcome="nobody_home"))
    waiting = factories.household(teams.a1, address="99 Hẻm Chưa Thăm")
    html = signed_in(teams.leader).get("/doi/to-truong/").content.decode()
    assert f'<progress id="visited-{teams.a1.pk}" max="2" value="1">' in html
    assert f"{teams.a1.name}: 1 hộ chưa thăm" in html
    assert waiting.address in html
    assert teams.household.address not in html.split("unvisited-heading")[1]
