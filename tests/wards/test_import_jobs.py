"""Imports run as django-q2 tasks (in-process in tests): a job page with a progress bar, the
preview, the confirm, and a result page that says exactly what was written."""

import io
import logging

import pytest
from django.urls import reverse

from tests import factories
from wards import importing
from wards.models import AuditEntry, Household, ImportJob
from wards.resources import HouseholdResource
from wards.roles import Role

KEY = "ho-gia-dinh"


def csv_of(count, start=1):
    lines = ["khu_pho,dia_chi,chu_ho,dien_thoai"]
    lines += [f"a1,{n} Pasteur,Người Số {n},09120000{n:02d}" for n in range(start, start + count)]
    return "\n".join(lines) + "\n"


def upload(client, content):
    file = io.BytesIO(content.encode())
    file.name = "ho.csv"
    return client.post(reverse("wards_import", args=[KEY]), {"file": file}, follow=True)


def confirm(client, job):
    return client.post(reverse("wards_import_confirm", args=[KEY, job.pk]), follow=True)


@pytest.fixture
def admin_client(client, two_wards, monkeypatch):
    monkeypatch.setattr(importing, "CHUNK_ROWS", 2)  # 5 rows: three chunks
    client.force_login(two_wards.users[Role.WARD_ADMIN])
    return client


@pytest.fixture
def progress(monkeypatch):
    """The rows done that the progress bar can read, after each chunk (committed with it)."""
    seen = []
    real = importing.run_import

    def watched(*args, chunk_done, **kwargs):
        def done(run):
            chunk_done(run)
            job = ImportJob.objects.get()
            seen.append((job.status, job.rows_done, job.rows_total))

        return real(*args, chunk_done=done, **kwargs)

    monkeypatch.setattr("wards.import_runs.run_import", watched)
    return seen


def test_a_file_goes_through_preview_and_confirm_as_a_job(admin_client, two_wards, progress):
    before = Household.objects.count()
    response = upload(admin_client, csv_of(5))
    assert response.redirect_chain[0][0].startswith(f"/admin/nhap/{KEY}/")
    assert response.status_code == 200, response.context["problems"] or response.context["error"]
    job = response.context["job"]
    assert job.status == ImportJob.Status.PREVIEWED and job.user == two_wards.users[Role.WARD_ADMIN]
    page = response.content.decode()
    assert "Xem trước: 5 dòng mới" in page and "Xác nhận nhập" in page
    assert [row.line for row in response.context["preview"]] == [2, 3, 4, 5, 6]
    assert Household.objects.count() == before  # the preview wrote nothing

    response = confirm(admin_client, job)
    assert "Đã nhập xong: 5 dòng mới, 0 dòng cập nhật" in response.content.decode()
    assert Household.objects.count() == before + 5
    assert Household.objects.filter(address="5 Pasteur", ward=two_wards.a).exists()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.summary["written"] == {"new": 5, "update": 0}
    assert AuditEntry.objects.get(action=AuditEntry.Action.IMPORT).changes == {
        "new": 5,
        "update": 0,
    }
    # The bar moved in steps of a chunk, in both tasks.
    assert progress == [
        *[("previewing", done, 5) for done in (2, 4, 5)],
        *[("confirming", done, 5) for done in (2, 4, 5)],
    ]


def test_a_second_confirm_writes_nothing_more(admin_client):
    before = Household.objects.count()
    job = upload(admin_client, csv_of(3)).context["job"]
    confirm(admin_client, job)
    response = confirm(admin_client, job)
    assert response.status_code == 200 and Household.objects.count() == before + 3


def test_rows_are_numbered_and_duplicates_found_across_chunks(admin_client):
    content = csv_of(4) + "a1,1 Pasteur,Người Số 1,\n"  # line 6 repeats line 2, two chunks later
    response = upload(admin_client, content)
    assert response.status_code == 400
    assert [(p.row, p.message) for p in response.context["problems"]] == [
        (6, "Trùng hộ với dòng 2 (cùng địa chỉ và chủ hộ).")
    ]
    assert not response.context["can_confirm"]
    assert [row.line for row in response.context["preview"]] == [2, 3, 4, 5, 6]


def test_the_progress_page_works_with_and_without_script(admin_client, two_wards):
    job = ImportJob.objects.create(
        importer=KEY,
        ward=two_wards.a,
        user=two_wards.users[Role.WARD_ADMIN],
        filename="lon.csv",
        file_format="csv",
        content=b"",
        status=ImportJob.Status.CONFIRMING,
        rows_done=12500,
        rows_total=50000,
    )
    page = admin_client.get(reverse("wards_import_job", args=[KEY, job.pk])).content.decode()
    assert '<noscript><meta http-equiv="refresh"' in page
    assert '<progress max="100" value="25"' in page and "Đã xử lý 12500/50000 dòng (25 %)" in page
    assert "wards/progress.js" in page
    answer = admin_client.get(reverse("wards_import_progress", args=[KEY, job.pk])).json()
    assert answer == {
        "status": "confirming",
        "done": 12500,
        "total": 50000,
        "percent": 25,
    }


def test_nobody_else_sees_or_confirms_a_job(client, admin_client, two_wards):
    before = Household.objects.count()
    job = upload(admin_client, csv_of(2)).context["job"]
    colleague = factories.user("u_admin_2", ward=two_wards.a, role=Role.WARD_ADMIN)
    for stranger in (two_wards.users["outsider"], colleague):
        client.force_login(stranger)
        for name in ("wards_import_job", "wards_import_progress"):
            assert client.get(reverse(name, args=[KEY, job.pk])).status_code == 404
        assert client.post(reverse("wards_import_confirm", args=[KEY, job.pk])).status_code == 404
    assert Household.objects.count() == before
    job.refresh_from_db()
    assert job.status == ImportJob.Status.PREVIEWED


def test_a_task_that_fails_leaves_a_vietnamese_message_and_no_phone_in_the_log(
    admin_client, monkeypatch, caplog
):
    def broken(self, *args, **kwargs):
        raise RuntimeError("không đọc được 0912000001")

    monkeypatch.setattr(HouseholdResource, "import_data", broken)
    with caplog.at_level(logging.ERROR, logger="wards.import_runs"):
        response = upload(admin_client, csv_of(2))
    assert response.status_code == 400
    assert response.context["job"].status == ImportJob.Status.FAILED
    assert "Có lỗi khi xử lý tệp" in response.content.decode()
    assert "RuntimeError" in caplog.text and "0912000001" not in caplog.text


def test_a_confirm_that_stops_part_way_reports_exactly_what_it_wrote(admin_client, monkeypatch):
    before = Household.objects.count()
    job = upload(admin_client, csv_of(5)).context["job"]
    real = HouseholdResource.import_data
    calls = []

    def second_chunk_breaks(self, dataset, **kwargs):
        calls.append(dataset.height)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(self, dataset, **kwargs)

    monkeypatch.setattr(HouseholdResource, "import_data", second_chunk_breaks)
    response = confirm(admin_client, job)
    assert response.status_code == 400
    assert "Đã ghi trước khi dừng: 2 dòng mới, 0 dòng cập nhật" in response.content.decode()
    assert Household.objects.count() == before + 2


def test_data_changed_since_the_preview_stops_the_confirm_at_its_chunk(admin_client, two_wards):
    before = Household.objects.count()
    job = upload(admin_client, csv_of(5)).context["job"]
    factories.household(two_wards.a1, address="4 Pasteur", head_name="Người Số 4")
    response = confirm(admin_client, job)
    assert response.status_code == 400
    page = response.content.decode()
    assert "từ dòng 4 trở đi chưa được ghi" in page and "Đã ghi trước khi dừng: 2 dòng mới" in page
    assert [p.row for p in response.context["problems"]] == [5]
    assert Household.objects.count() == before + 1 + 2


def test_a_long_confirm_goes_on_in_the_next_task_from_the_rows_committed(
    admin_client, monkeypatch, progress
):
    monkeypatch.setattr("wards.import_runs.SLICE_ROWS", 3)
    before = Household.objects.count()
    job = upload(admin_client, csv_of(5)).context["job"]
    progress.clear()
    response = confirm(admin_client, job)
    assert "Đã nhập xong: 5 dòng mới" in response.content.decode()
    assert Household.objects.count() == before + 5
    assert progress == [("confirming", done, 5) for done in (2, 3, 5)]  # a slice ends at row 3
    (entry,) = AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT)  # one per file
    assert entry.changes == {"new": 5, "update": 0}
