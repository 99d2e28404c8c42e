"""The field app: "Hôm nay", a household's card with the visit form, adding people met."""

import uuid

from django.contrib import messages
from django.db import transaction
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from config.ratelimit import rate_limited
from teams.forms import HouseholdForm, ResidentForm
from teams.models import Action, FollowUp, Visit, VisitResident
from teams.permissions import field_member_required
from teams.records import VisitRefused, check_visit, parse_record, record_from_form
from teams.selectors import page_of_households, search_households
from teams.services import visit_record
from teams.services.field_records import lock_households, resident_met
from wards.models import Area, Household, Resident
from wards.services import household_create

FORM_LIMIT = {"limit": 60, "window_seconds": 60}


def _page_number(request) -> int:
    try:
        return int(request.GET.get("trang", "1"))
    except ValueError:
        return 1


@field_member_required
def today(request):
    user, day = request.user, timezone.localdate()
    areas = list(Area.objects.for_user(user).select_related("ward").order_by("ward", "code"))
    households = Household.objects.for_user(user)
    selected = next((a for a in areas if a.code == request.GET.get("khu")), None)
    if selected:
        households = households.filter(area=selected)
    query = request.GET.get("q", "").strip()[:100]
    if query:
        households = search_households(households, query)
    page = page_of_households(households, today=day, number=_page_number(request))
    due = (
        FollowUp.objects.for_user(user)
        .due_by(day)
        # Unassigned ones (a reminder journey asked for them) are for whoever walks the area.
        .filter(Q(assigned_to=user) | Q(assigned_to__isnull=True))
        .select_related("household")[:10]
    )
    return render(
        request,
        "teams/today.html",
        {
            "page": page,
            "areas": areas,
            "selected_area": selected,
            "query": query,
            "due_follow_ups": due,
            "today": day,
        },
    )


def _attendee_rows(household, data=None) -> list[dict]:
    """Each resident with what the form says about them (empty, or as the member typed it)."""
    rows = []
    present = set(data.getlist("present")) if data else set()
    for resident in household.residents.all():
        key = str(resident.pk)
        actions = set(data.getlist(f"actions_{key}")) if data else set()
        rows.append(
            {
                "resident": resident,
                "present": key in present or bool(actions),
                "actions": actions,
                "procedure": data.get(f"procedure_{key}", "") if data else "",
                "other": data.get(f"other_{key}", "") if data else "",
            }
        )
    return rows


@field_member_required
@rate_limited("teams-visit-form", **FORM_LIMIT)
def household(request, pk):
    household = get_object_or_404(
        Household.objects.for_user(request.user)
        .select_related("area", "ward")
        .prefetch_related(Prefetch("residents", queryset=Resident.objects.order_by("pk"))),
        pk=pk,
    )
    errors, data, status = {}, None, 200
    if request.method == "POST":
        data = request.POST
        try:
            record = parse_record(record_from_form(data, household.pk))
            draft = check_visit(member=request.user, record=record)
            visit_record(member=request.user, draft=draft)
        except VisitRefused as refusal:
            errors, status = refusal.errors, 400
            messages.error(request, refusal.reason)
        else:
            messages.success(
                request, _("Đã lưu lần thăm %(address)s.") % {"address": household.address}
            )
            return redirect("teams:today")
    visits = (
        Visit.objects.for_user(request.user)
        .filter(household=household)
        .select_related("member")
        .prefetch_related(
            Prefetch("attendees", queryset=VisitResident.objects.select_related("resident"))
        )[:5]
    )
    return render(
        request,
        "teams/household.html",
        {
            "household": household,
            "rows": _attendee_rows(household, data),
            "data": data or {},
            "new_actions": set(data.getlist("actions_new")) if data else set(),
            "errors": errors,
            "visits": visits,
            "follow_up": household.follow_ups.open().select_related("assigned_to").first(),
            "actions": Action.choices,
            "outcomes": Visit.Outcome.choices,
            "client_uuid": data.get("client_uuid") if data else uuid.uuid4(),
            "today": timezone.localdate(),
            "resident_form": ResidentForm(household=household, auto_id="person_%s"),
        },
        status=status,
    )


@field_member_required
def household_new(request):
    """The visit form of a household added on this phone and not yet sent (named by ?ho=UUID):
    kept for offline use, filled in by the phone."""
    return render(
        request,
        "teams/household_new.html",
        {
            "rows": [],
            "data": {},
            "errors": {},
            "actions": Action.choices,
            "outcomes": Visit.Outcome.choices,
            "client_uuid": "",
            "today": timezone.localdate(),
        },
    )


@field_member_required
@rate_limited("teams-household-form", **FORM_LIMIT)
def household_add(request):
    areas = Area.objects.for_user(request.user).order_by("ward", "code")
    form = HouseholdForm(request.POST or None, areas=areas, initial={"area": areas.first()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = household_create(
            area=data["area"],
            address=data["address"],
            head_name=data["head_name"],
            phone=data["phone"],
            size=data["size"],
            by=request.user,
        )
        messages.success(request, _("Đã thêm hộ %(address)s.") % {"address": created.address})
        return redirect("teams:resident_add", pk=created.pk)
    status = 400 if form.errors else 200
    return render(request, "teams/household_form.html", {"form": form}, status=status)


@field_member_required
@rate_limited("teams-resident-form", **FORM_LIMIT)
def resident_add(request, pk):
    household = get_object_or_404(
        Household.objects.for_user(request.user).select_related("area"), pk=pk
    )
    form = ResidentForm(request.POST or None, household=household)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            lock_households([household.pk])
            person, _created = resident_met(
                household=household, by=request.user, **form.cleaned_data
            )
        messages.success(request, _("Đã thêm %(name)s vào hộ.") % {"name": person.full_name})
        if "another" in request.POST:
            return redirect("teams:resident_add", pk=household.pk)
        return redirect("teams:household", pk=household.pk)
    status = 400 if form.errors else 200
    return render(
        request,
        "teams/resident_form.html",
        {"form": form, "household": household},
        status=status,
    )


@field_member_required
def queue(request):
    return render(
        request, "teams/queue.html", {"household_url": reverse("teams:household", args=[0])}
    )


def offline(request):
    """Shown by the service worker when a page was never opened with a network."""
    return render(request, "teams/offline.html")
