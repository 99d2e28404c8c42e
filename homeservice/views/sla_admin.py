"""The SLA screen in the Wagtail admin: the ward's default days and each procedure's own."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from homeservice.access import may_set_sla, office_ward_ids
from homeservice.lifecycle import StepRefused
from homeservice.models import ProcedureSla
from homeservice.sla import sla_set, ward_default_days
from homeservice.views.guards import _guard
from wards.models import Ward
from wards.parsing import bounded_id

office_required = _guard(
    may_set_sla,
    lambda: _("Chỉ cán bộ một cửa hoặc quản trị của phường đặt được thời hạn."),
)


def _ward(request):
    ids = office_ward_ids(request.user)
    wards = Ward.objects.order_by("name")
    wards = wards if ids is None else wards.filter(pk__in=ids)
    ward_id = bounded_id(request.GET.get("phuong"))
    chosen = wards.filter(pk=ward_id).first() if ward_id else None
    return chosen or wards.first()


@office_required
def sla(request):
    from qr.models import Procedure

    ward = _ward(request)
    procedures = list(Procedure.objects.filter(ward=ward).order_by("name")) if ward else []
    own = dict(
        ProcedureSla.objects.filter(procedure__in=procedures).values_list("procedure_id", "days")
    )
    error, status, typed = "", 200, {}
    if request.method == "POST" and ward is not None:
        typed = request.POST
        try:
            sla_set(
                ward=ward,
                by=request.user,
                default_days=typed.get("default", ""),
                procedure_days={p: typed.get(f"p-{p.pk}", "") for p in procedures},
            )
        except StepRefused as refusal:
            error, status = refusal.reason, 400
        else:
            messages.success(request, _("Đã lưu thời hạn phục vụ tại nhà."))
            return redirect(f"{request.path}?phuong={ward.pk}")
    rows = [
        {
            "procedure": p,
            "value": typed.get(f"p-{p.pk}", own.get(p.pk, "")) if typed else own.get(p.pk, ""),
        }
        for p in procedures
    ]
    return render(
        request,
        "homeservice/admin/sla.html",
        {
            "ward": ward,
            "rows": rows,
            "default": typed.get("default")
            if typed
            else (ward_default_days(ward.pk) if ward else ""),
            "error": error,
        },
        status=status,
    )
