"""Saving visits: once per client UUID, in bulk for a phone's batch, one rule for one or many.

Rule for two members working on one resident: nothing is overwritten. Each visit is kept, each
milestone they record is appended as an AdoptionEvent, and the resident's status is derived from
all events by wards.services, so a later sync can only add.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from teams.models import ACTION_MILESTONES, FollowUp, Team, TeamMember, Visit, VisitResident
from teams.records import VisitDraft
from teams.services.field_records import lock_households, resident_met
from teams.services.follow_ups import follow_ups_close_kept
from wards import changes
from wards.models import AuditEntry, EventSource
from wards.served import Served, announce
from wards.services import adoption_events_record, audit_record
from wards.text import same_name_key


def member_teams(member) -> dict[int, Team]:
    """The team the member walks each area for: {area id: team}."""
    teams = {}
    places = TeamMember.objects.filter(user=member).select_related("team").prefetch_related("areas")
    for place in places.order_by("team_id"):
        for area in place.areas.all():
            teams.setdefault(area.pk, place.team)
    return teams


def saved_visits(uuids) -> dict:
    return {visit.client_uuid: visit for visit in Visit.objects.filter(client_uuid__in=uuids)}


def visit_record(*, member, draft: VisitDraft) -> tuple[Visit, bool]:
    return visits_record(member=member, drafts=[draft])[0]


def visits_record(
    *, member, drafts: list[VisitDraft], teams: dict | None = None
) -> list[tuple[Visit, bool]]:
    """Save checked visits: (visit, created) for each draft, in order.

    A UUID already saved (or twice in the batch) answers with the first visit. If a copy is being
    saved at this very moment by another request, the batch is retried one visit at a time and the
    copy is answered as already saved.
    """
    teams = member_teams(member) if teams is None else teams
    saved = saved_visits({draft.client_uuid for draft in drafts})
    fresh: dict = {}
    for draft in drafts:
        if draft.client_uuid not in saved:
            fresh.setdefault(draft.client_uuid, draft)
    created: dict = {}
    if fresh:
        try:
            with transaction.atomic():
                created = _create(member, list(fresh.values()), teams)
        except IntegrityError:
            if len(fresh) > 1:
                for key, draft in fresh.items():
                    visit, was_created = visits_record(member=member, drafts=[draft], teams=teams)[
                        0
                    ]
                    (created if was_created else saved)[key] = visit
            else:
                # The copy committed after our first read: read again, past any cache.
                (key,) = fresh
                saved.update({v.client_uuid: v for v in Visit.objects.filter(client_uuid=key)})
                if key not in saved:
                    raise
    answers, answered = [], set()
    for draft in drafts:
        key = draft.client_uuid
        if key in created and key not in answered:
            answers.append((created[key], True))
        else:
            answers.append((created.get(key) or saved[key], False))
        answered.add(key)
    return answers


def _create(member, drafts: list[VisitDraft], teams: dict) -> dict:
    people = _people_met_first(member, drafts)
    visits = [
        Visit(
            client_uuid=d.client_uuid,
            ward_id=d.household.ward_id,
            area_id=d.household.area_id,
            household=d.household,
            team=teams.get(d.household.area_id),
            member=member,
            visited_at=d.visited_at,
            visited_on=timezone.localdate(d.visited_at),
            outcome=d.outcome,
            notes=d.notes,
            latitude=d.latitude,
            longitude=d.longitude,
            gps_accuracy_m=d.gps_accuracy_m,
        )
        for d in drafts
    ]
    Visit.objects.bulk_create(visits)
    changes.record(ward_ids=[visit.ward_id for visit in visits], part=changes.Part.VISITS)
    attendees, events = [], []
    for index, (draft, visit) in enumerate(zip(drafts, visits, strict=True)):
        for position, attendee in enumerate(draft.attendees):
            resident = attendee.resident or people[index, position]
            attendees.append(
                VisitResident(
                    visit=visit,
                    resident=resident,
                    met_first_time=attendee.resident is None,
                    actions=list(attendee.actions),
                    procedure=attendee.procedure,
                    other=attendee.other,
                )
            )
            events += [
                {
                    "resident": resident,
                    "milestone": ACTION_MILESTONES[action],
                    "occurred_on": visit.visited_on,
                    "source": EventSource.VISIT,
                    "verified": True,
                    "recorded_by": member,
                    "source_ref": visit.source_ref,
                }
                for action in attendee.actions
                if action in ACTION_MILESTONES
            ]
    VisitResident.objects.bulk_create(attendees)
    adoption_events_record(events=events)
    FollowUp.objects.bulk_create(
        [
            FollowUp(
                household=d.household,
                visit=v,
                due_on=d.follow_up_on,
                reason=d.follow_up_reason,
                assigned_to=member,
            )
            for d, v in zip(drafts, visits, strict=True)
            if d.follow_up_on
        ]
    )
    follow_ups_close_kept(household_ids={d.household.pk for d in drafts})
    _announce_served(visits, attendees)
    for draft, visit in zip(drafts, visits, strict=True):
        audit_record(
            actor=member,
            action=AuditEntry.Action.CREATE,
            obj=visit,
            ward=draft.household.ward,
            summary=f"{draft.household.code} · {visit.get_outcome_display()}",
            changes={"client_uuid": str(visit.client_uuid), "attendees": len(draft.attendees)},
        )
    return {visit.client_uuid: visit for visit in visits}


def _announce_served(visits, attendees) -> None:
    """Each visit that met someone is a service delivered (feedback asks them for a rating)."""
    phones = {}
    for attendee in attendees:
        if attendee.resident.phone:
            phones.setdefault(attendee.visit.client_uuid, attendee.resident)
    for visit in visits:
        if visit.outcome not in (Visit.Outcome.DONE, Visit.Outcome.PARTLY):
            continue
        met = phones.get(visit.client_uuid)
        announce(
            sender=Visit,
            service=Served(
                ward_id=visit.ward_id,
                kind="visit",
                ref=str(visit.pk),
                phone=met.phone if met else "",
                resident_id=met.pk if met else None,
                area_id=visit.area_id,
                team_id=visit.team_id,
            ),
        )


def _people_met_first(member, drafts) -> dict:
    """Residents met for the first time, created once even if two visits of the batch (or two
    batches at the same moment) meet them: the households are locked, the names looked up again."""
    people, by_name = {}, {}
    lock_households(d.household.pk for d in drafts if any(a.resident is None for a in d.attendees))
    for index, draft in enumerate(drafts):
        for position, attendee in enumerate(draft.attendees):
            if attendee.resident is not None:
                continue
            key = (draft.household.pk, same_name_key(attendee.new_person["full_name"]))
            if key not in by_name:
                by_name[key] = resident_met(
                    household=draft.household, by=member, **attendee.new_person
                )[0]
            people[index, position] = by_name[key]
    return people
