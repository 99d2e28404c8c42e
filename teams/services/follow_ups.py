"""Return visits promised during a visit or asked for by another app (`follow_ups_ask`): closed
by the next visit that meets the household, reassigned or cancelled by the team leader. Every status change goes through one function."""

import datetime
from collections import defaultdict

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teams.models import FollowUp, TeamMember, Visit
from teams.services.teams import TeamError
from wards import changes
from wards.models import AuditEntry
from wards.services import audit_record, audit_records

FOLLOW_UP_MOVES = {
    FollowUp.Status.OPEN: {FollowUp.Status.DONE, FollowUp.Status.CANCELLED},
    FollowUp.Status.DONE: set(),
    # Only to undo a cancellation, within UNDO_WINDOW (follow_up_restore).
    FollowUp.Status.CANCELLED: {FollowUp.Status.OPEN},
}
UNDO_WINDOW = datetime.timedelta(minutes=10)


def follow_up_transition(*, follow_up: FollowUp, to: str, visit=None, by=None) -> FollowUp:
    """The one place a follow-up changes status; an illegal move is refused in Vietnamese."""
    if to not in FOLLOW_UP_MOVES[follow_up.status]:
        raise TeamError(
            _("Lịch hẹn này đã %(status)s, không thể đổi nữa.")
            % {"status": follow_up.get_status_display().lower()},
            code="follow_up_closed",
        )
    old = follow_up.status
    follow_up.status = to
    follow_up.closed_by = visit
    follow_up.save(update_fields=["status", "closed_by", "updated_at"])
    changes.record(ward_ids=[follow_up.household.ward_id], part=changes.Part.VISITS)
    if by is not None:
        audit_record(
            actor=by,
            action=AuditEntry.Action.UPDATE,
            obj=follow_up,
            ward=follow_up.household.ward,
            changes={"status": [old, to]},
        )
    return follow_up


def follow_ups_close_kept(*, household_ids) -> None:
    """Close each open follow-up of these households that a later visit met someone for.

    "Later" is by the time of the visits, not of their arrival: a phone offline for days may send
    the promise after the visit that kept it.
    """
    open_ones = list(
        FollowUp.objects.open().filter(household_id__in=household_ids).select_related("visit")
    )
    if not open_ones:
        return
    met = defaultdict(list)
    visits = (
        Visit.objects.filter(household_id__in={f.household_id for f in open_ones})
        .exclude(outcome=Visit.Outcome.NOBODY_HOME)
        .order_by("visited_at")
        .only("pk", "household_id", "visited_at")
    )
    for visit in visits:
        met[visit.household_id].append(visit)
    for follow_up in open_ones:
        # One asked for by another app has no visit: a visit after it was made keeps it.
        since = follow_up.visit.visited_at if follow_up.visit else follow_up.created_at
        later = next((v for v in met[follow_up.household_id] if v.visited_at > since), None)
        if later:
            follow_up_transition(follow_up=follow_up, to=FollowUp.Status.DONE, visit=later)


@transaction.atomic
def follow_ups_ask(*, ward, reason: str, due_on: datetime.date, households: dict[str, int]) -> int:
    """Follow-ups another app asks for, with no visit behind them: one per key, ever.

    `households` maps each key ("journey:<enrolment id>") to its household id. Each new one gets
    an audit entry (no actor: the system asked) and the ward's visits a change mark; returns how
    many were new. Unassigned: it shows to every member who walks the household's area.
    """
    known = set(FollowUp.objects.filter(key__in=list(households)).values_list("key", flat=True))
    rows = [
        FollowUp(household_id=household_id, key=key, due_on=due_on, reason=reason[:255])
        for key, household_id in households.items()
        if key not in known
    ]
    if not rows:
        return 0
    FollowUp.objects.bulk_create(rows, ignore_conflicts=True)
    audit_records(
        actor=None,
        action=AuditEntry.Action.CREATE,
        objs=FollowUp.objects.filter(key__in=[row.key for row in rows]),
        ward=ward,
        summary=reason,
    )
    changes.record(ward_ids=[ward.pk], part=changes.Part.VISITS)
    return len(rows)


@transaction.atomic
def follow_up_reassign(*, follow_up: FollowUp, to, by) -> FollowUp:
    """Give a promised return visit to another member who walks the household's area."""
    if follow_up.status != FollowUp.Status.OPEN:
        raise TeamError(_("Lịch hẹn này đã đóng, không thể giao lại."), code="follow_up_closed")
    area = follow_up.household.area
    if not TeamMember.objects.filter(user=to, areas=area).exists():
        raise TeamError(
            _("%(name)s không phụ trách %(area)s nên không thể nhận lịch hẹn này.")
            % {"name": to.get_full_name() or to.get_username(), "area": area.name},
            code="not_in_area",
        )
    old = follow_up.assigned_to
    follow_up.assigned_to = to
    follow_up.save(update_fields=["assigned_to", "updated_at"])
    audit_record(
        actor=by,
        action=AuditEntry.Action.UPDATE,
        obj=follow_up,
        ward=follow_up.household.ward,
        changes={"assigned_to": [old.get_username() if old else "", to.get_username()]},
    )
    return follow_up


@transaction.atomic
def follow_up_cancel(*, follow_up: FollowUp, by) -> FollowUp:
    return follow_up_transition(follow_up=follow_up, to=FollowUp.Status.CANCELLED, by=by)


@transaction.atomic
def follow_up_restore(*, follow_up: FollowUp, by) -> FollowUp:
    """Undo "Hủy hẹn": the follow-up is open again, if it was cancelled a moment ago."""
    if (
        follow_up.status != FollowUp.Status.CANCELLED
        or timezone.now() - follow_up.updated_at > UNDO_WINDOW
    ):
        raise TeamError(
            _("Đã quá thời gian hoàn tác (%(minutes)s phút) hoặc lịch hẹn không còn bị hủy.")
            % {"minutes": int(UNDO_WINDOW.total_seconds() // 60)},
            code="undo_expired",
        )
    return follow_up_transition(follow_up=follow_up, to=FollowUp.Status.OPEN, by=by)
