"""The one-stop officer's board in the Wagtail admin: the same reads and steps as the field app."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from homeservice import selectors
from homeservice.forms import BoardFilter, StepForm
from homeservice.lifecycle import steps_ahead
from homeservice.views.guards import board_required
from homeservice.views.steps import take_step
from wards.models import Area


@board_required
def board(request):
    from homeservice.access import service_area_ids

    ids = service_area_ids(request.user)
    areas = Area.objects.all() if ids is None else Area.objects.filter(pk__in=ids)
    filters = BoardFilter(request.GET or None, areas=areas.order_by("ward", "code"))
    cleaned = filters.cleaned_data if filters.is_valid() else {}
    queryset = selectors.board(
        request.user,
        status=cleaned.get("status", ""),
        area=cleaned.get("area"),
        overdue_only=cleaned.get("overdue", False),
    )
    return render(
        request,
        "homeservice/admin/board.html",
        {"filters": filters, **selectors.board_paged(queryset, request.GET.get("trang"))},
    )


@board_required
def detail(request, pk):
    item = selectors.request_detail(request.user, pk)
    if item is None:
        raise Http404
    form, status = StepForm(request=item), 200
    if request.method == "POST":
        form, ok = take_step(request, item)
        if ok:
            return redirect("homeservice_admin:detail", pk=pk)
        status = 400
    return render(
        request,
        "homeservice/admin/detail.html",
        {
            "item": item,
            "form": form,
            "next_steps": steps_ahead(item.status),
            "today": timezone.localdate(),
        },
        status=status,
    )
