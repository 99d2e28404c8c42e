"""Batch printing: chosen procedures × placements → one PDF built by a task, with progress, a
download, and failures that name the procedure."""

import datetime
import io
import re
from urllib.parse import urlsplit

import pytest
import zxingcpp
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from qr import services
from qr.models import PosterBatch, ShortLink
from tests.qr.pdf_helpers import decode_pages, folded, page_texts
from wards.roles import Role


def start_batch(client, catalogue, procedures, placements, paper="A4"):
    return client.post(
        reverse("qr_batch_new"),
        {
            "ward": catalogue.a.pk,
            "paper": paper,
            "which": "chosen",
            "procedures": [p.pk for p in procedures],
            "placements": [p.pk for p in placements],
        },
    )


def test_a_batch_prints_every_procedure_for_every_placement_in_one_pdf(staff_client, catalogue):
    chosen = catalogue.procedures[:2]
    response = start_batch(staff_client, catalogue, chosen, [catalogue.counter, catalogue.board])
    batch = PosterBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "qr_batch", args=[batch.pk]
    )
    assert batch.status == PosterBatch.Status.DONE and batch.done == batch.total == 4

    state = staff_client.get(reverse("qr_batch_state", args=[batch.pk])).json()
    assert state["status"] == "done" and state["percent"] == 100 and state["download"]
    pdf = b"".join(staff_client.get(state["download"]).streaming_content)

    pages = decode_pages(pdf)
    texts = page_texts(pdf)
    assert len(pages) == 4
    links = {
        (link.procedure_id, link.placement_id): link
        for link in ShortLink.objects.filter(placement__ward=catalogue.a)
    }
    # A stack per placement (ordered by label), procedures by field then name.
    expected = [
        (procedure, placement)
        for placement in (catalogue.board, catalogue.counter)
        for procedure in sorted(chosen, key=lambda p: (p.field, p.name))
    ]
    for (procedure, placement), codes, text in zip(expected, pages, texts, strict=True):
        link = links[(procedure.pk, placement.pk)]
        assert [code.text for code in codes] == [f"http://anbinh.test/q/{link.code}"]
        assert codes[0].ec_level == placement.qr_level  # the outdoor board gets level Q
        for part in (procedure.name, placement.label, catalogue.a.name):
            assert folded(part) in text
        assert "Quét mã để xem hướng dẫn và nộp hồ sơ trực tuyến" in text
        assert f"anbinh.test/q/{link.code}" in text


def test_all_active_procedures_can_be_chosen_at_once(staff_client, catalogue, monkeypatch):
    rendered = []
    monkeypatch.setattr(
        "qr.posters.render_posters",
        lambda specs, **kwargs: rendered.extend(specs) or b"%PDF-1.7 stub",
    )
    catalogue.procedures[3].active = False
    catalogue.procedures[3].save()
    staff_client.post(
        reverse("qr_batch_new"),
        {"ward": catalogue.a.pk, "paper": "A3", "which": "all", "placements": [catalogue.board.pk]},
    )
    batch = PosterBatch.objects.get()
    assert batch.paper == "A3" and batch.total == 3
    assert {spec.procedure_name for spec in rendered} == {p.name for p in catalogue.procedures[:3]}


def test_the_form_keeps_what_was_typed_and_says_what_is_missing(staff_client, catalogue):
    response = staff_client.post(
        reverse("qr_batch_new"), {"ward": catalogue.a.pk, "paper": "A4", "which": "chosen"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Chọn ít nhất một nơi dán." in body and "Chọn ít nhất một thủ tục" in body
    assert re.search(r'value="chosen"[^>]*checked', body)
    assert not PosterBatch.objects.exists()


def test_another_wards_placements_cannot_be_printed(staff_client, catalogue):
    response = start_batch(
        staff_client, catalogue, catalogue.procedures[:1], [catalogue.other_place]
    )
    assert response.status_code == 400 and not PosterBatch.objects.exists()


def test_a_failure_names_the_procedure_and_why(staff_client, catalogue, monkeypatch):
    from qr import posters

    real = posters.render_posters

    def overflowing(specs, **kwargs):
        if any(spec.procedure_name == "Đăng ký tạm trú" for spec in specs):
            raise RuntimeError("Bố cục áp phích bị tràn trang: 2 trang cho 1 áp phích.")
        return real(specs, **kwargs)

    monkeypatch.setattr(posters, "render_posters", overflowing)
    start_batch(staff_client, catalogue, catalogue.procedures[:3], [catalogue.counter])
    batch = PosterBatch.objects.get()
    assert batch.status == PosterBatch.Status.FAILED
    assert "1.004222" in batch.error and "Đăng ký tạm trú" in batch.error
    assert "tràn trang" in batch.error and "Bộ phận một cửa" in batch.error
    body = staff_client.get(reverse("qr_batch", args=[batch.pk])).content.decode()
    assert "Đăng ký tạm trú" in body
    assert staff_client.get(reverse("qr_batch_download", args=[batch.pk])).status_code == 404


def test_a_host_too_long_for_a_small_code_is_refused_before_printing(staff_client, catalogue):
    site = catalogue.a.site
    site.hostname = "phuong-an-binh.thanh-pho-thu-duc.gov.vn"
    site.save()
    page = staff_client.get(reverse("qr_batch_new"))
    assert "dài quá" in page.content.decode()
    response = start_batch(staff_client, catalogue, catalogue.procedures[:1], [catalogue.counter])
    assert response.status_code == 400 and "dài quá" in response.content.decode()
    assert not PosterBatch.objects.exists()


def test_progress_is_stored_as_pages_are_done(catalogue, monkeypatch):
    seen = []
    real_writer = services._progress_writer

    def recording_writer(batch):
        write = real_writer(batch)

        def wrapped(done, total):
            write(done, total)
            seen.append(PosterBatch.objects.get(pk=batch.pk).done)

        return wrapped

    monkeypatch.setattr(services, "_progress_writer", recording_writer)
    monkeypatch.setattr(services.time, "monotonic", iter(range(0, 1000, 1)).__next__)
    services.poster_batch_create(
        ward=catalogue.a,
        user=None,
        paper="A6",
        procedures=catalogue.procedures[:3],
        placements=[catalogue.counter],
    )
    assert seen == [1, 2, 3]


def test_the_progress_page_polls_a_json_state(staff_client, catalogue):
    batch = PosterBatch.objects.create(
        ward=catalogue.a, paper="A4", total=8, done=2, status=PosterBatch.Status.RUNNING
    )
    page = staff_client.get(reverse("qr_batch", args=[batch.pk])).content.decode()
    assert '<progress id="qr-progress" max="8" value="2"' in page
    assert reverse("qr_batch_state", args=[batch.pk]) in page
    state = staff_client.get(reverse("qr_batch_state", args=[batch.pk])).json()
    assert (state["done"], state["total"], state["percent"], state["download"]) == (2, 8, 25, "")


def test_illegal_status_moves_are_refused(catalogue):
    batch = PosterBatch.objects.create(ward=catalogue.a, total=1, status=PosterBatch.Status.DONE)
    with pytest.raises(ValueError):
        services.poster_batch_move(batch=batch, to=PosterBatch.Status.RUNNING)


def test_a_retried_task_does_not_rebuild_a_finished_batch(catalogue):
    from qr.tasks import build_poster_batch

    batch = PosterBatch.objects.create(ward=catalogue.a, total=1, status=PosterBatch.Status.DONE)
    assert build_poster_batch(batch.pk) == "done"


def test_other_wards_batches_are_not_found(client, catalogue):
    batch = PosterBatch.objects.create(ward=catalogue.b, total=1)
    client.force_login(catalogue.users[Role.COMMUNICATIONS])
    assert client.get(reverse("qr_batch", args=[batch.pk])).status_code == 404
    assert client.get(reverse("qr_batch_state", args=[batch.pk])).status_code == 404


def test_a_procedures_poster_page_previews_and_downloads_each_placement(staff_client, catalogue):
    page = staff_client.get(reverse("qr_procedure_posters", args=[catalogue.birth.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Bộ phận một cửa" in body and "Bảng tin khu A2" in body and "phường B" not in body

    preview = staff_client.get(
        reverse("qr_poster_preview", args=[catalogue.birth.pk, catalogue.board.pk]), {"kho": "A4"}
    )
    assert preview["Content-Type"] == "image/png"
    (code,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(preview.content)))
    link = ShortLink.objects.get(procedure=catalogue.birth, placement=catalogue.board)
    assert code.text == f"http://anbinh.test/q/{link.code}"
    assert urlsplit(code.text).path == f"/q/{link.code}"

    pdf = staff_client.get(
        reverse("qr_poster_pdf", args=[catalogue.birth.pk, catalogue.board.pk]), {"kho": "A5"}
    )
    assert pdf["Content-Type"] == "application/pdf"
    (codes,) = decode_pages(pdf.content)
    assert codes[0].text == code.text and codes[0].width_cm == pytest.approx(5, rel=0.05)
    assert (
        f"anbinh.test/q/{link.code}"
        in staff_client.get(
            reverse("qr_procedure_posters", args=[catalogue.birth.pk])
        ).content.decode()
    )


def test_poster_screens_are_for_staff_of_the_ward_only(client, catalogue):
    url = reverse("qr_procedure_posters", args=[catalogue.other.pk])
    client.force_login(catalogue.users[Role.COMMUNICATIONS])
    assert client.get(url).status_code == 404
    client.force_login(catalogue.users[Role.TEAM_LEADER])
    own = reverse("qr_procedure_posters", args=[catalogue.birth.pk])
    assert client.get(own).status_code in (302, 403)


def test_a_job_no_worker_picked_up_says_so(staff_client, catalogue):
    batch = PosterBatch.objects.create(ward=catalogue.a, total=2)
    url = reverse("qr_batch_state", args=[batch.pk])
    assert staff_client.get(url).json()["stalled"] is False
    PosterBatch.objects.filter(pk=batch.pk).update(
        updated_at=timezone.now() - datetime.timedelta(minutes=3)
    )
    assert staff_client.get(url).json()["stalled"] is True
    page = staff_client.get(reverse("qr_batch", args=[batch.pk])).content.decode()
    assert "qcluster" in page and 'id="qr-stalled" class="help-block help-warning">' in page
