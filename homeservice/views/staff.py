"""Staff pages in the field app: "Việc nhờ", a request's page, the team leader's board."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.ratelimit import rate_limited
from homeservice import selectors
from homeservice.forms import BoardFilter, StepForm, VulnerabilityForm
from homeservice.lifecycle import StepRefused, steps_ahead
from homeservice.models import Vulnerability
from homeservice.services import request_reassign, vulnerability_end, vulnerability_record
from homeservice.views.guards import board_required, field_required
from homeservice.views.steps import take_step
from wards.models import Area, Household
from wards.parsing import bounded_id

FORM_LIMIT = {"limit": 60, "window_seconds": 60}


@field_required
def field(request):
    return render(
        request,
        "homeservice/field.html",
        {
            "requests": selectors.field_list(request.user),
            "limit": selectors.FIELD_LIMIT,
            "today": timezone.localdate(),
        },
    )


def _detail_context(http_request, service_request, form=None):
    return {
        "item": service_request,
        "form": form or StepForm(request=service_request),
        "next_steps": steps_ahead(service_request.status),
        "candidates": selectors.assignees(service_request),
        "today": timezone.localdate(),
    }


@field_required
@rate_limited("homeservice-step", **FORM_LIMIT)
def detail(request, pk):
    item = selectors.request_detail(request.user, pk)
    if item is None:
        raise Http404
    form, status = None, 200
    if request.method == "POST":
        form, ok = take_step(request, item)
        if ok:
            return redirect("homeservice:detail", pk=pk)
        status = 400
    return render(
        request, "homeservice/request.html", _detail_context(request, item, form), status=status
    )


@board_required
def board(request):
    areas = Area.objects.filter(pk__in=_area_ids(request.user)).order_by("ward", "code")
    filters = BoardFilter(request.GET or None, areas=areas)
    cleaned = filters.cleaned_data if filters.is_valid() else {}
    queryset = selectors.board(
        request.user,
        status=cleaned.get("status", ""),
        area=cleaned.get("area"),
        overdue_only=cleaned.get("overdue", False),
    )
    return render(
        request,
        "homeservice/board.html",
        {
            "filters": filters,
            **selectors.board_paged(queryset, request.GET.get("trang")),
            "today": timezone.localdate(),
        },
    )


def _area_ids(user):
    from homeservice.access import service_area_ids

    ids = service_area_ids(user)
    return Area.objects.values("pk") if ids is None else ids


@require_POST
@board_required
def reassign(request, pk):
    item = selectors.request_detail(request.user, pk)
    if item is None:
        raise Http404
    raw = request.POST.get("assignee", "")
    assignee = None
    if raw:
        assignee_id = bounded_id(raw)
        if assignee_id is None:
            messages.error(request, _("Người được giao không đúng."))
            return redirect("homeservice:detail", pk=pk)
        assignee = get_user_model().objects.filter(pk=assignee_id).first()
    try:
        request_reassign(request=item, assignee=assignee, by=request.user)
    except StepRefused as refusal:
        messages.error(request, refusal.reason)
        return render(
            request, "homeservice/request.html", _detail_context(request, item), status=400
        )
    messages.success(request, _("Đã giao lại việc."))
    return redirect(request.POST.get("next") or "homeservice:board")


@field_required
@rate_limited("homeservice-vulnerability", **FORM_LIMIT)
def vulnerability(request, pk):
    from homeservice.access import filter_areas

    household = get_object_or_404(filter_areas(Household.objects.all(), request.user), pk=pk)
    form = VulnerabilityForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                vulnerability_record(
                    household=household,
                    kind=form.cleaned_data["kind"],
                    consent=form.cleaned_data["consent"],
                    by=request.user,
                )
            except StepRefused as refusal:
                form.add_error(None, refusal.reason)
            else:
                messages.success(request, _("Đã ghi hoàn cảnh của hộ."))
                return redirect("teams:household", pk=household.pk)
        status = 400
    return render(
        request,
        "homeservice/vulnerability_form.html",
        {
            "form": form,
            "household": household,
            "marks": Vulnerability.objects.current().filter(household=household).order_by("pk"),
        },
        status=status,
    )


@require_POST
@field_required
@rate_limited("homeservice-vulnerability", **FORM_LIMIT)
def vulnerability_remove(request, pk, mark):
    from homeservice.access import filter_areas

    household = get_object_or_404(filter_areas(Household.objects.all(), request.user), pk=pk)
    found = get_object_or_404(Vulnerability.objects.current(), pk=mark, household=household)
    try:
        vulnerability_end(mark=found, by=request.user)
    except StepRefused as refusal:
        messages.error(request, refusal.reason)
        return redirect("homeservice:vulnerability", pk=household.pk)
    messages.success(request, _("Đã gỡ hoàn cảnh “%(kind)s”.") % {"kind": found.get_kind_display()})
    return redirect("teams:household", pk=household.pk)
