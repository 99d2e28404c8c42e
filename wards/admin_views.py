"""Import (upload → preview → confirm) and export screens in the Wagtail admin, and the delete
views that remove people through wards.services."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.views.generic import DeleteView

from wards import changes
from wards.importing import (
    FORMATS,
    IMPORTERS,
    MAX_UPLOAD_BYTES,
    ImportFileError,
    export_dataset,
    missing_columns,
    problems_of,
    read_dataset,
    run_import,
)
from wards.models import AuditEntry, PendingImport, Ward
from wards.services import audit_record, household_delete, resident_delete

PENDING_LIFETIME = datetime.timedelta(hours=2)


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
    if error:
        return render(request, "wards/admin/import.html", {**context, "error": error}, status=400)

    file_format = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    content = upload.read()
    try:
        dataset = read_dataset(content, file_format)
    except ImportFileError as problem:
        return render(
            request, "wards/admin/import.html", {**context, "error": str(problem)}, status=400
        )
    missing = missing_columns(dataset, importer)
    if missing:
        error = _("Tệp thiếu cột: %(columns)s. Tải tệp mẫu để xem đúng tên cột.") % {
            "columns": ", ".join(missing)
        }
        return render(request, "wards/admin/import.html", {**context, "error": error}, status=400)

    result = run_import(importer, dataset, ward=ward, user=request.user, dry_run=True)
    problems = problems_of(result)
    pending = None
    if not problems:
        PendingImport.objects.filter(created_at__lt=timezone.now() - PENDING_LIFETIME).delete()
        pending = PendingImport.objects.create(
            importer=key,
            ward=ward,
            user=request.user,
            filename=upload.name[:255],
            file_format=file_format,
            content=content,
        )
    return render(
        request,
        "wards/admin/import_preview.html",
        {
            **context,
            "ward": ward,
            "filename": upload.name,
            "totals": result.totals,
            "problems": problems,
            "pending": pending,
            "rows": dataset.height,
        },
        status=200 if not problems else 400,
    )


@require_POST
def import_confirm(request, key, pending_id):
    importer = _importer(key)
    _wards(request, importer.permission)
    pending = get_object_or_404(
        PendingImport,
        pk=pending_id,
        importer=key,
        user=request.user,
        created_at__gte=timezone.now() - PENDING_LIFETIME,
    )
    dataset = read_dataset(bytes(pending.content), pending.file_format)
    with transaction.atomic():
        result = run_import(importer, dataset, ward=pending.ward, user=request.user, dry_run=False)
        problems = problems_of(result)
        if problems:
            transaction.set_rollback(True)
        else:  # rows saved by the import library send no mark of their own
            changes.record(ward_ids=[pending.ward_id], part=changes.Part.PEOPLE)
    if problems:
        # The data changed since the preview; nothing was written.
        return render(
            request,
            "wards/admin/import_preview.html",
            {
                "importer": importer,
                "ward": pending.ward,
                "filename": pending.filename,
                "totals": result.totals,
                "problems": problems,
                "pending": None,
            },
            status=409,
        )
    audit_record(
        actor=request.user,
        action=AuditEntry.Action.IMPORT,
        obj=importer.key,
        ward=pending.ward,
        summary=pending.filename,
        changes=dict(result.totals),
    )
    pending.delete()
    messages.success(
        request,
        _("Đã nhập xong: %(new)s dòng mới, %(update)s dòng cập nhật.")
        % {"new": result.totals.get("new", 0), "update": result.totals.get("update", 0)},
    )
    return redirect(reverse("wards_import", args=[key]))


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
    content = dataset.export(file_format)
    if file_format == "csv":
        content = "\ufeff" + content  # Excel opens UTF-8 CSV correctly only with a BOM
    response = HttpResponse(content, content_type=FORMATS[file_format])
    response["Content-Disposition"] = f'attachment; filename="{stem}.{file_format}"'
    return response
