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
    never_visited,
    unvisited_by_area,
    visits_by_member,
)
from teams.services import TeamError, follow_up_cancel, follow_up_reassign, follow_up_restore
from teams.services.follow_ups import UNDO_WINDOW
from wards.models import Area, Household


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


EARLIEST_WEEK = datetime.date(2000, 1, 1)


def _week(request, today: datetime.date) -> tuple[datetime.date, str]:
    """The Monday of the week asked for (?tuan=YYYY-MM-DD), and what was wrong with it, if
    anything: a week before 2000 or after this one is refused, this week is shown instead."""
    asked = request.GET.get("tuan", "")
    problem = ""
    try:
        day = datetime.date.fromisoformat(asked) if asked else today
    except ValueError:
        day, problem = today, _("Ngày của tuần chưa đúng (cần dạng năm-tháng-ngày).")
    if not EARLIEST_WEEK <= day <= today:
        day = today
        problem = _("Chỉ xem được các tuần từ năm 2000 đến tuần này.")
    return day - datetime.timedelta(days=day.weekday()), problem


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
    start, week_problem = _week(request, today)
    if week_problem:
        messages.error(request, week_problem)
    end = start + datetime.timedelta(days=6)
    households = Household.objects.for_user(user).filter(area__in=areas)
    unvisited = never_visited(households)
    undo = _undoable(request, user)
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
            "unvisited_by_area": unvisited_by_area(households, areas, today=today),
            "undo": undo,
            "unvisited_count": unvisited.count(),
            "overdue": [f for f in follow_ups if f.due_on < today],
            "due": [f for f in follow_ups if f.due_on >= today],
            "today": today,
            "export_form": ExportForm(
                initial={"start": start, "end": min(end, today), "file_format": "xlsx"}
            ),
        },
        status=400 if week_problem else 200,
    )


UNDO_KEY = "teams-undo-follow-up"


def _undoable(request, user):
    """The follow-up this leader cancelled a moment ago, while it can still be restored."""
    pk = request.session.get(UNDO_KEY)
    if not pk:
        return None
    follow_up = (
        FollowUp.objects.for_user(user)
        .filter(pk=pk, status=FollowUp.Status.CANCELLED)
        .select_related("household")
        .first()
    )
    if follow_up is None or timezone.now() - follow_up.updated_at > UNDO_WINDOW:
        request.session.pop(UNDO_KEY, None)
        return None
    return follow_up


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
    action = request.POST.get("action")
    try:
        if action == "cancel":
            follow_up_cancel(follow_up=follow_up, by=request.user)
            request.session[UNDO_KEY] = follow_up.pk
        elif action == "undo":
            follow_up_restore(follow_up=follow_up, by=request.user)
            request.session.pop(UNDO_KEY, None)
            messages.success(
                request,
                _("Đã khôi phục lịch hẹn %(code)s.") % {"code": follow_up.household.code},
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
