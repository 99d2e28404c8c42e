"""Import (upload → preview → confirm → result, the middle two as tasks) and export screens in the
Wagtail admin, and the delete views that remove people through wards.services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.views.generic import DeleteView

from wards.areas import AreaInUse, area_delete
from wards.exporting import safe_dataset
from wards.import_runs import import_job_confirm_queue, import_job_create
from wards.importing import (
    FORMATS,
    IMPORTERS,
    MAX_UPLOAD_BYTES,
    PreviewRow,
    RowProblem,
    export_dataset,
)
from wards.models import AuditEntry, ImportJob, Ward
from wards.services import audit_record, household_delete, resident_delete


class AreaDeleteView(DeleteView):
    """Wagtail would refuse an area its households protect with its own English page; the
    service refuses it with the reason and what to do."""

    def post(self, request, *args, **kwargs):
        try:
            area_delete(area=self.object, by=request.user)
        except AreaInUse as refusal:
            messages.error(request, str(refusal))
            return redirect(self.get_success_url())
        messages.success(request, self.get_success_message())
        return redirect(self.get_success_url())


class HouseholdDeleteView(DeleteView):
    def delete_action(self):
        household_delete(household=self.object, by=self.request.user)


class ResidentDeleteView(DeleteView):
    def delete_action(self):
        resident_delete(resident=self.object, by=self.request.user)


def _importer(key):
    importer = IMPORTERS.get(key)
    if importer is None:
        raise Http404
    return importer


def _wards(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied
    return list(Ward.objects.for_user(request.user))


def _chosen_ward(request, wards):
    if len(wards) == 1:
        return wards[0]
    chosen = request.POST.get("ward") or request.GET.get("ward")
    return next((w for w in wards if str(w.pk) == str(chosen)), None)


def import_upload(request, key):
    """Take the file and queue its preview; reading and checking it is the task's work."""
    importer = _importer(key)
    wards = _wards(request, importer.permission)
    context = {"importer": importer, "wards": wards}
    if request.method != "POST":
        return render(request, "wards/admin/import.html", context)

    ward = _chosen_ward(request, wards)
    upload = request.FILES.get("file")
    error = None
    if ward is None:
        error = _("Chọn phường để nhập dữ liệu.")
    elif upload is None:
        error = _("Chọn tệp CSV hoặc Excel để tải lên.")
    elif upload.size > MAX_UPLOAD_BYTES:
        error = _("Tệp lớn quá 5 MB. Hãy chia thành nhiều tệp nhỏ hơn.")
    elif upload.name.rsplit(".", 1)[-1].lower() not in FORMATS:
        error = _("Chỉ nhận tệp CSV hoặc Excel (.xlsx).")
    if error:
        return render(request, "wards/admin/import.html", {**context, "error": error}, status=400)
    job = import_job_create(
        importer=key, ward=ward, user=request.user, filename=upload.name, content=upload.read()
    )
    return redirect(reverse("wards_import_job", args=[key, job.pk]))


def _job(request, key, job_id) -> ImportJob:
    importer = _importer(key)
    _wards(request, importer.permission)
    return get_object_or_404(
        ImportJob.objects.for_user(request.user).select_related("ward"), pk=job_id, importer=key
    )


def import_job(request, key, job_id):
    """The job's page: a progress bar while a task runs, then the preview, then the result."""
    job = _job(request, key, job_id)
    summary = job.summary
    problem_count = summary.get("problem_count", 0)
    problems = [RowProblem(*p) for p in summary.get("problems", [])]
    preview = [
        PreviewRow(line, cells, [RowProblem(*p) for p in row_problems])
        for line, cells, row_problems in summary.get("preview", [])
    ]
    context = {
        "importer": IMPORTERS[key],
        "job": job,
        "running": job.status in ImportJob.RUNNING,
        "ward": job.ward,
        "filename": job.filename,
        "rows": job.rows_total,
        "totals": summary.get("totals", {}),
        "written": summary.get("written", {"new": 0, "update": 0}),
        "written_any": any(summary.get("written", {}).values()),
        "warnings": summary.get("warnings", []),
        "headers": summary.get("headers", []),
        "problems": problems,
        "problem_count": problem_count,
        "file_problems": [p for p in problems if p.row == 0],
        "preview": preview,
        "error": job.error,
        "can_confirm": job.status == ImportJob.Status.PREVIEWED and not problem_count,
    }
    refused = job.status == ImportJob.Status.FAILED or (
        job.status == ImportJob.Status.PREVIEWED and problem_count
    )
    return render(request, "wards/admin/import_job.html", context, status=400 if refused else 200)


def import_job_progress(request, key, job_id):
    """What the progress bar polls: small, and read from the one row the tasks update."""
    job = _job(request, key, job_id)
    return JsonResponse(
        {
            "status": job.status,
            "done": job.rows_done,
            "total": job.rows_total,
            "percent": job.percent,
        }
    )


@require_POST
def import_confirm(request, key, job_id):
    job = _job(request, key, job_id)
    if not import_job_confirm_queue(job=job) and job.status == ImportJob.Status.PREVIEWED:
        messages.error(request, _("Bản xem trước này đã quá hạn hoặc có lỗi: hãy tải tệp lên lại."))
    return redirect(reverse("wards_import_job", args=[key, job.pk]))


def import_template(request, key, file_format):
    importer = _importer(key)
    _wards(request, importer.permission)
    if file_format not in FORMATS:
        raise Http404
    import tablib

    dataset = tablib.Dataset(
        *importer.example, headers=[name.rstrip("?") for name, _h in importer.columns]
    )
    return _file_response(dataset, file_format, f"mau-{key}")


def export(request, key):
    importer = _importer(key)
    wards = _wards(request, importer.export_permission)
    ward = _chosen_ward(request, wards)
    file_format = request.GET.get("format", "xlsx")
    if ward is None or file_format not in FORMATS:
        return render(
            request,
            "wards/admin/import.html",
            {
                "importer": importer,
                "wards": wards,
                "error": _("Chọn phường và định dạng tệp để xuất."),
            },
            status=400,
        )
    dataset = export_dataset(importer, ward=ward, user=request.user)
    audit_record(
        actor=request.user,
        action=AuditEntry.Action.EXPORT,
        obj=importer.key,
        ward=ward,
        summary=f"{dataset.height} dòng, {file_format}",
    )
    return _file_response(dataset, file_format, f"{key}-{ward.slug}-{timezone.localdate():%Y%m%d}")


def _file_response(dataset, file_format, stem):
    content = safe_dataset(dataset).export(file_format)
    if file_format == "csv":
        content = "\ufeff" + content  # Excel opens UTF-8 CSV correctly only with a BOM
    response = HttpResponse(content, content_type=FORMATS[file_format])
    response["Content-Disposition"] = f'attachment; filename="{stem}.{file_format}"'
    return response
