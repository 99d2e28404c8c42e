"""Admin screens beyond the model lists: a procedure's posters, batch printing, the scan report."""

import csv
import datetime
import hashlib

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from qr import reports, services, shortlinks
from qr.admin_forms import PosterBatchForm
from qr.models import Placement, PosterBatch, Procedure
from qr.posters import PAPER
from wards.models import Ward

PRINT = "qr.add_posterbatch"
QUEUED_PATIENCE = datetime.timedelta(minutes=2)
RUNNING_PATIENCE = datetime.timedelta(minutes=10)
REPORT = "qr.view_scan"


def _require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


def _ward(request, wards):
    """The ward the page is about: the only one, or the one chosen with ?ward=."""
    wards = list(wards)
    if not wards:
        raise PermissionDenied
    chosen = request.POST.get("ward") or request.GET.get("ward")
    return next((w for w in wards if str(w.pk) == chosen), wards[0]), wards


# --- one procedure's posters ----------------------------------------------------------------


def procedure_posters(request, pk):
    _require(request, PRINT)
    procedure = get_object_or_404(Procedure.objects.for_user(request.user), pk=pk)
    placements = list(Placement.objects.filter(ward=procedure.ward).active())
    links = {link.placement_id: link for link in procedure.short_links.all()}
    return render(
        request,
        "qr/admin/procedure_posters.html",
        {
            "procedure": procedure,
            "rows": [
                (
                    placement,
                    links.get(placement.pk)
                    and shortlinks.short_url(procedure.ward, links[placement.pk].code),
                )
                for placement in placements
            ],
            "papers": list(PAPER),
            "host_problem": shortlinks.host_problem(procedure.ward),
            "host_warning": shortlinks.host_warning(procedure.ward),
            "printed_base": shortlinks.short_link_base(procedure.ward),
        },
    )


def _poster_pair(request, procedure_pk, placement_pk):
    _require(request, PRINT)
    procedure = get_object_or_404(Procedure.objects.for_user(request.user), pk=procedure_pk)
    placement = get_object_or_404(
        Placement.objects.for_user(request.user), pk=placement_pk, ward=procedure.ward
    )
    paper = request.GET.get("kho", "A4")
    if paper not in PAPER:
        raise Http404
    try:
        spec = services.poster_spec(procedure=procedure, placement=placement)
    except services.PosterProblem as problem:
        return None, paper, HttpResponse(str(problem), status=400, content_type="text/plain")
    return spec, paper, None


def poster_preview(request, procedure_pk, placement_pk):
    """PNG of the printed page, from the same pipeline as the PDF (cached: it takes ~0.2 s)."""
    from qr.posters import poster_png_preview

    spec, paper, error = _poster_pair(request, procedure_pk, placement_pk)
    if error:
        return error
    key = "qr:preview:" + hashlib.sha256(repr((spec, paper)).encode()).hexdigest()
    png = cache.get(key)
    if png is None:
        png = poster_png_preview(spec, paper=paper, width_px=600)
        cache.set(key, png, 3600)
    return HttpResponse(png, content_type="image/png")


def poster_pdf(request, procedure_pk, placement_pk):
    from qr.posters import render_posters

    spec, paper, error = _poster_pair(request, procedure_pk, placement_pk)
    if error:
        return error
    response = HttpResponse(render_posters([spec], paper=paper), content_type="application/pdf")
    name = f"ap-phich-{spec.short_url.rsplit('/', 1)[-1]}-{paper}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- batches ---------------------------------------------------------------------------------


def batch_new(request):
    _require(request, PRINT)
    ward, wards = _ward(request, Ward.objects.for_user(request.user))
    form = PosterBatchForm(request.POST or None, ward=ward)
    problem = shortlinks.host_problem(ward)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                batch = services.poster_batch_create(
                    ward=ward,
                    user=request.user,
                    paper=form.cleaned_data["paper"],
                    procedures=form.chosen_procedures(),
                    placements=form.cleaned_data["placements"],
                )
            except services.PosterProblem as error:
                form.add_error(None, str(error))
            else:
                return redirect("qr_batch", pk=batch.pk)
        status = 400
    recent = PosterBatch.objects.for_user(request.user).filter(ward=ward)[:10]
    return render(
        request,
        "qr/admin/batch_new.html",
        {
            "form": form,
            "ward": ward,
            "wards": wards,
            "recent": recent,
            "host_problem": problem,
            "host_warning": shortlinks.host_warning(ward) if ward else None,
            "printed_base": shortlinks.short_link_base(ward) if ward else "",
        },
        status=status,
    )


def _batch(request, pk) -> PosterBatch:
    _require(request, PRINT)
    return get_object_or_404(PosterBatch.objects.for_user(request.user), pk=pk)


def batch_detail(request, pk):
    batch = _batch(request, pk)
    return render(request, "qr/admin/batch_detail.html", {"batch": batch, "state": _state(batch)})


def batch_state(request, pk):
    return JsonResponse(_state(_batch(request, pk)))


def _state(batch: PosterBatch) -> dict:
    # No worker picked the job up, or the one building it died: say so instead of waiting forever.
    quiet = timezone.now() - batch.updated_at
    stalled = (batch.status == PosterBatch.Status.QUEUED and quiet > QUEUED_PATIENCE) or (
        batch.status == PosterBatch.Status.RUNNING and quiet > RUNNING_PATIENCE
    )
    return {
        "status": batch.status,
        "label": str(batch.get_status_display()),
        "done": batch.done,
        "total": batch.total,
        "percent": batch.percent,
        "error": batch.error,
        "stalled": stalled,
        "download": reverse("qr_batch_download", args=[batch.pk])
        if batch.status == PosterBatch.Status.DONE
        else "",
    }


def batch_download(request, pk):
    batch = _batch(request, pk)
    if batch.status != PosterBatch.Status.DONE or not batch.file:
        raise Http404
    return FileResponse(
        batch.file.open("rb"),
        as_attachment=True,
        filename=f"ap-phich-{batch.ward.slug}-{batch.paper}-{batch.created_at:%Y%m%d}-{batch.pk}.pdf",
        content_type="application/pdf",
    )


# --- scan report ----------------------------------------------------------------------------


def _report_args(request):
    _require(request, REPORT)
    ward, wards = _ward(request, Ward.objects.for_aggregates(request.user))
    today = timezone.localdate()
    errors = []

    def day(name, default):
        raw = request.GET.get(name, "")
        if not raw:
            return default
        try:
            return datetime.date.fromisoformat(raw)
        except ValueError:
            errors.append(
                _("Ngày “%(value)s” không hợp lệ, ghi theo dạng 2025-01-31.") % {"value": raw}
            )
            return default

    start = day("tu", today - datetime.timedelta(days=29))
    end = day("den", today)
    if start > end:
        errors.append(_("Ngày bắt đầu phải trước ngày kết thúc."))
        start, end = end, start
    if (end - start).days > 731:
        errors.append(_("Chọn khoảng tối đa hai năm."))
        start = end - datetime.timedelta(days=731)
    procedure = placement = None
    if request.GET.get("thu_tuc"):
        procedure = Procedure.objects.filter(ward=ward, pk=request.GET["thu_tuc"]).first()
    if request.GET.get("noi_dan"):
        placement = Placement.objects.filter(ward=ward, pk=request.GET["noi_dan"]).first()
    return ward, wards, start, end, procedure, placement, errors


def scan_report(request):
    ward, wards, start, end, procedure, placement, errors = _report_args(request)
    report = reports.scan_report(
        ward=ward, start=start, end=end, procedure=procedure, placement=placement
    )
    return render(
        request,
        "qr/admin/scan_report.html",
        {
            "report": report,
            "ward": ward,
            "wards": wards,
            "procedure": procedure,
            "placement": placement,
            "errors": errors,
            "top": report.by_procedure[:10],
            "busiest_day": max((c.scans for _d, c in report.by_day), default=0),
            "query": request.GET.urlencode(),
        },
        status=400 if errors else 200,
    )


def scan_report_csv(request):
    ward, _wards, start, end, procedure, placement, _errors = _report_args(request)
    report = reports.scan_report(
        ward=ward, start=start, end=end, procedure=procedure, placement=placement
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="luot-quet-{ward.slug}-{start:%Y%m%d}-{end:%Y%m%d}.csv"'
    )
    response.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with a BOM
    writer = csv.writer(response)
    writer.writerow(["ngay", "ma_thu_tuc", "ten_thu_tuc", "noi_dan", "luot_quet", "nguoi_quet"])
    for day, procedure_row, placement_row, counts in report.rows:
        writer.writerow(
            [
                day.isoformat(),
                procedure_row.code,
                procedure_row.name,
                placement_row.label,
                counts.scans,
                counts.visitors,
            ]
        )
    return response
