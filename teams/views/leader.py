"""The team leader's page: the week's work, coverage, households never visited, follow-ups, export."""

import datetime

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from config.ratelimit import rate_limited
from teams.exports import export_response
from teams.forms import ExportForm
from teams.models import FollowUp, Team, TeamMember
from teams.permissions import team_leader_required
from teams.selectors import (
    coverage_by_area,
    follow_ups_open,
    households_by_need,
    never_visited,
    visits_by_member,
)
from teams.services import TeamError, follow_up_cancel, follow_up_reassign
from wards.models import Area, Household

NEVER_VISITED_SHOWN = 20


def _teams(user):
    return list(
        Team.objects.led_by(user)
        .select_related("ward")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=TeamMember.objects.select_related("user").prefetch_related("areas"),
            )
        )
    )


def _week(request, today: datetime.date) -> datetime.date:
    try:
        day = datetime.date.fromisoformat(request.GET.get("tuan", ""))
    except ValueError:
        day = today
    return day - datetime.timedelta(days=day.weekday())


@team_leader_required
def leader(request):
    user, today = request.user, timezone.localdate()
    teams = _teams(user)
    if not teams:
        return render(request, "teams/leader.html", {"teams": []})
    team = next((t for t in teams if str(t.pk) == request.GET.get("to")), teams[0])
    # The team's areas the leader may read: the same set while memberships are in sync.
    areas = list(Area.objects.for_user(user).filter(teams=team).order_by("code"))
    members = list(team.members.all())
    start = _week(request, today)
    end = start + datetime.timedelta(days=6)
    households = Household.objects.for_user(user).filter(area__in=areas)
    unvisited = never_visited(households)
    follow_ups = list(
        follow_ups_open(
            FollowUp.objects.for_user(user).filter(household__area__in=areas), today=today
        )
    )
    walkers = {}
    for place in members:
        for area in place.areas.all():
            walkers.setdefault(area.pk, []).append(place.user)
    for follow_up in follow_ups:
        follow_up.candidates = walkers.get(follow_up.household.area_id, [])
    return render(
        request,
        "teams/leader.html",
        {
            "teams": teams,
            "team": team,
            "areas": areas,
            "week_start": start,
            "week_end": end,
            "previous_week": start - datetime.timedelta(days=7),
            "next_week": start + datetime.timedelta(days=7) if end < today else None,
            "by_member": visits_by_member(members=members, areas=areas, start=start, end=end),
            "coverage": coverage_by_area(areas, today=today),
            "unvisited_count": unvisited.count(),
            "unvisited": households_by_need(unvisited, today=today).select_related("area")[
                :NEVER_VISITED_SHOWN
            ],
            "overdue": [f for f in follow_ups if f.due_on < today],
            "due": [f for f in follow_ups if f.due_on >= today],
            "today": today,
            "export_form": ExportForm(
                initial={"start": start, "end": min(end, today), "file_format": "xlsx"}
            ),
        },
    )


def _leader_follow_up(user, pk) -> FollowUp:
    follow_up = get_object_or_404(
        FollowUp.objects.for_user(user).select_related("household__area", "household__ward"),
        pk=pk,
    )
    if not Team.objects.led_by(user).filter(areas=follow_up.household.area).exists():
        raise Http404
    return follow_up


@team_leader_required
@rate_limited("teams-follow-up", limit=120, window_seconds=60)
def follow_up_update(request, pk):
    if request.method != "POST":
        return redirect("teams:leader")
    follow_up = _leader_follow_up(request.user, pk)
    try:
        if request.POST.get("action") == "cancel":
            follow_up_cancel(follow_up=follow_up, by=request.user)
            messages.success(
                request, _("Đã hủy lịch hẹn %(code)s.") % {"code": follow_up.household.code}
            )
        else:
            to = next(
                (
                    place.user
                    for place in TeamMember.objects.filter(
                        team__in=Team.objects.led_by(request.user),
                        user_id=request.POST.get("assigned_to") or 0,
                    ).select_related("user")
                ),
                None,
            )
            if to is None:
                raise TeamError(_("Hãy chọn một tổ viên của tổ."))
            follow_up_reassign(follow_up=follow_up, to=to, by=request.user)
            messages.success(
                request,
                _("Đã giao lịch hẹn %(code)s cho %(name)s.")
                % {"code": follow_up.household.code, "name": to.get_full_name() or to.username},
            )
    except TeamError as error:
        messages.error(request, error.messages[0])
    return redirect(
        request.POST.get("next_url") if _safe(request.POST.get("next_url")) else "teams:leader"
    )


def _safe(url) -> bool:
    return bool(url) and url.startswith("/doi/") and "//" not in url


@team_leader_required
@rate_limited("teams-export", limit=20, window_seconds=60, methods=("GET",))
def export(request):
    teams = _teams(request.user)
    form = ExportForm(request.GET or None)
    if teams and request.GET and form.is_valid():
        team = next((t for t in teams if str(t.pk) == request.GET.get("to")), teams[0])
        areas = Area.objects.for_user(request.user).filter(teams=team)
        return export_response(
            user=request.user,
            team=team,
            areas=areas,
            start=form.cleaned_data["start"],
            end=form.cleaned_data["end"],
            file_format=form.cleaned_data["file_format"],
        )
    status = 400 if form.errors else 200
    return render(request, "teams/export.html", {"form": form, "teams": teams}, status=status)
