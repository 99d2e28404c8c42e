"""Writes of ward data. Each function is atomic and takes keyword arguments only."""

import datetime

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from wards import changes
from wards.models import (
    AdoptionEvent,
    AuditEntry,
    Household,
    Membership,
    Milestone,
    Resident,
    Vneid,
    Ward,
)
from wards.roles import GROUP_NAMES, Role
from wards.text import nfc

# A later VNeID milestone implies the earlier ones: activated level 2 outranks issued, and so on.
VNEID_BY_MILESTONE = {
    Milestone.VNEID_LEVEL1: Vneid.LEVEL1,
    Milestone.VNEID_LEVEL2_ISSUED: Vneid.LEVEL2_ISSUED,
    Milestone.VNEID_LEVEL2_ACTIVATED: Vneid.LEVEL2_ACTIVATED,
}
VNEID_RANK = [Vneid.NONE, Vneid.LEVEL1, Vneid.LEVEL2_ISSUED, Vneid.LEVEL2_ACTIVATED]


def derive_status(milestones: set[str]) -> dict:
    """The resident's status fields for the milestones reached so far."""
    vneid = Vneid.NONE
    for milestone, state in VNEID_BY_MILESTONE.items():
        if milestone in milestones and VNEID_RANK.index(state) > VNEID_RANK.index(vneid):
            vneid = state
    return {
        "vneid": vneid,
        "has_public_service_account": Milestone.PUBLIC_SERVICE_ACCOUNT in milestones,
        "has_submitted_online": Milestone.ONLINE_SUBMISSION in milestones,
        "uses_cashless": Milestone.CASHLESS_PAYMENT in milestones,
    }


def resident_refresh_status(*, resident: Resident) -> Resident:
    """Recompute the status fields from the resident's events: the only writer of those fields."""
    reached = set(resident.events.values_list("milestone", flat=True).distinct())
    status = derive_status(reached)
    changed = [field for field, value in status.items() if getattr(resident, field) != value]
    for field in changed:
        setattr(resident, field, status[field])
    if changed:
        resident.save(update_fields=[*changed, "updated_at"])
    return resident


@transaction.atomic
def adoption_event_record(
    *,
    resident: Resident,
    milestone: str,
    occurred_on: datetime.date | None = None,
    source: str,
    verified: bool,
    recorded_by=None,
    source_ref: str = "",
) -> AdoptionEvent:
    """Append an event and bring the resident's status up to date.

    Two people recording for one resident both append; the status is derived from all events,
    so neither overwrites the other.
    """
    if milestone not in Milestone.values:
        raise ValueError(f"unknown milestone {milestone!r}")
    event = AdoptionEvent.objects.create(
        resident=resident,
        milestone=milestone,
        occurred_on=occurred_on or timezone.localdate(),
        source=source,
        verified=verified,
        recorded_by=recorded_by,
        source_ref=source_ref,
    )
    resident_refresh_status(resident=resident)
    changes.record(ward_ids=[resident.household.ward_id], part=changes.Part.PEOPLE)
    return event


@transaction.atomic
def adoption_events_record(*, events: list[dict]) -> list[AdoptionEvent]:
    """Append many events at once (a phone's batch of visits), then derive each resident's status
    once: the rule of adoption_event_record, in a handful of queries instead of several per event.

    Each dict holds adoption_event_record's keyword arguments. The residents' rows are locked
    first, so two batches touching one resident derive its status one after the other.
    """
    if not events:
        return []
    today = timezone.localdate()
    rows = []
    for event in events:
        if event["milestone"] not in Milestone.values:
            raise ValueError(f"unknown milestone {event['milestone']!r}")
        rows.append(AdoptionEvent(**{"occurred_on": today, **event}))
    resident_ids = sorted({row.resident_id for row in rows})
    list(
        Resident.objects.select_for_update()
        .filter(pk__in=resident_ids)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    AdoptionEvent.objects.bulk_create(rows)
    reached: dict[int, set] = {pk: set() for pk in resident_ids}
    pairs = AdoptionEvent.objects.filter(resident_id__in=resident_ids).values_list(
        "resident_id", "milestone"
    )
    for resident_id, milestone in pairs.distinct():
        reached[resident_id].add(milestone)
    # One UPDATE per distinct status (a few dozen at most), not one per resident.
    by_status: dict[tuple, list[int]] = {}
    for resident_id, milestones in reached.items():
        status = tuple(sorted(derive_status(milestones).items()))
        by_status.setdefault(status, []).append(resident_id)
    now = timezone.now()
    for status, ids in by_status.items():
        Resident.objects.filter(pk__in=ids).update(**dict(status), updated_at=now)
    wards = Resident.objects.filter(pk__in=resident_ids).values_list("household__ward_id")
    changes.record(ward_ids=wards.distinct().values_list("household__ward_id", flat=True))
    return rows


def audit_record(*, actor, action: str, obj, ward=None, summary: str = "", changes=None) -> None:
    audit_records(
        actor=actor, action=action, objs=[obj], ward=ward, summary=summary, changes=changes
    )


def audit_records(*, actor, action: str, objs, ward=None, summary: str = "", changes=None) -> None:
    """One entry per object, in one INSERT: a minute tick may close thousands at once."""
    actor = actor if getattr(actor, "is_authenticated", False) else None
    AuditEntry.objects.bulk_create(
        AuditEntry(
            ward=ward,
            actor=actor,
            action=action,
            object_type=obj._meta.model_name if hasattr(obj, "_meta") else str(obj),
            object_id=str(getattr(obj, "pk", "") or ""),
            summary=summary[:255],
            changes=changes or {},
        )
        for obj in objs
    )


def next_household_code(*, area) -> str:
    last = Household.objects.filter(area=area).aggregate(n=Max("id"))["n"] or 0
    count = Household.objects.filter(area=area).count()
    return f"{area.code}-{max(count, last) + 1:05d}".upper()


@transaction.atomic
def household_create(
    *, area, address: str, head_name: str, phone: str = "", size: int = 1, code: str = "", by=None
) -> Household:
    household = Household(
        ward=area.ward,
        area=area,
        code=code or next_household_code(area=area),
        address=address,
        head_name=head_name,
        phone=phone,
        size=size,
    )
    household.refresh_derived()
    household.save()
    changes.record(ward_ids=[household.ward_id])
    audit_record(
        actor=by,
        action=AuditEntry.Action.CREATE,
        obj=household,
        ward=area.ward,
        summary=household.address,
    )
    return household


@transaction.atomic
def household_update(*, household: Household, by=None, **fields) -> Household:
    """Change a household's fields; a new area moves it, and its ward follows the area."""
    old_ward = household.ward_id
    changed = fields_assign(household, fields)
    if changed:
        household.ward_id = household.area.ward_id
        household.refresh_derived()
        household.save()
        changes.record(ward_ids=[old_ward, household.ward_id])
        audit_record(
            actor=by,
            action=AuditEntry.Action.UPDATE,
            obj=household,
            ward=household.ward,
            changes=changed,
        )
    return household


def fields_assign(obj, fields: dict) -> dict:
    """Set the fields that differ (text in NFC) and say what changed; phones show as "*"."""
    changed = {}
    for name, value in fields.items():
        value = nfc(value) if isinstance(value, str) and name != "phone" else value
        if getattr(obj, name) != value:
            old = getattr(obj, name)
            changed[name] = [str(old), str(value)] if name != "phone" else "*"
            setattr(obj, name, value)
    return changed


@transaction.atomic
def resident_create(
    *,
    household: Household,
    full_name: str,
    birth_year: int | None = None,
    phone: str = "",
    consent_to_messages: bool = False,
    by=None,
) -> Resident:
    resident = Resident(
        household=household,
        full_name=full_name,
        birth_year=birth_year,
        phone=phone,
        consent_to_messages=consent_to_messages,
    )
    resident.refresh_derived()
    resident.save()
    changes.record(ward_ids=[household.ward_id])
    audit_record(
        actor=by,
        action=AuditEntry.Action.CREATE,
        obj=resident,
        ward=household.ward,
        summary=f"{household.code}",
    )
    return resident


@transaction.atomic
def resident_update(*, resident: Resident, by=None, **fields) -> Resident:
    """Change a resident's own fields (never the status, which events derive)."""
    old_ward = resident.household.ward_id
    changed = fields_assign(resident, fields)
    if changed:
        resident.refresh_derived()
        resident.save()
        changes.record(ward_ids=[old_ward, resident.household.ward_id])
        audit_record(
            actor=by,
            action=AuditEntry.Action.UPDATE,
            obj=resident,
            ward=resident.household.ward,
            changes=changed,
        )
    return resident


@transaction.atomic
def household_delete(*, household: Household, by=None) -> None:
    """Remove a household and its residents (their events go with them)."""
    changes.record(ward_ids=[household.ward_id])
    audit_record(
        actor=by,
        action=AuditEntry.Action.DELETE,
        obj=household,
        ward=household.ward,
        summary=household.code,
    )
    household.delete()


@transaction.atomic
def resident_delete(*, resident: Resident, by=None) -> None:
    changes.record(ward_ids=[resident.household.ward_id])
    audit_record(
        actor=by,
        action=AuditEntry.Action.DELETE,
        obj=resident,
        ward=resident.household.ward,
        summary=resident.household.code,
    )
    resident.delete()


@transaction.atomic
def membership_grant(*, user, ward: Ward | None, role: str, areas=()) -> Membership:
    """Give a user a role in a ward (and its areas); the matching group carries admin permissions."""
    membership, _ = Membership.objects.update_or_create(
        user=user, ward=ward, defaults={"role": role}
    )
    membership.areas.set(areas)
    user.groups.add(Group.objects.get(name=GROUP_NAMES[role]))
    if ward is not None and role in (Role.WARD_ADMIN, Role.COMMUNICATIONS):
        user.groups.add(Group.objects.get_or_create(name=editors_group_name(ward))[0])
    user.__dict__.pop("_ward_memberships", None)
    return membership


def editors_group_name(ward: Ward) -> str:
    return f"Biên tập — {ward.name}"


@transaction.atomic
def ward_create(
    *,
    name: str,
    slug: str,
    province: str,
    root_page,
    hostname: str,
    port: int = 80,
    is_default_site: bool = False,
) -> Ward:
    """A ward is a Wagtail Site on its own host name, plus a group that may edit only its pages."""
    from django.contrib.auth.models import Permission
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Site

    site = Site.objects.create(
        hostname=hostname,
        port=port,
        root_page=root_page,
        is_default_site=is_default_site,
        site_name=nfc(name),
    )
    ward = Ward.objects.create(name=nfc(name), slug=slug, province=nfc(province), site=site)
    editors, _ = Group.objects.get_or_create(name=editors_group_name(ward))
    for permission_type in ("add", "change", "publish"):
        GroupPagePermission.objects.get_or_create(
            group=editors,
            page=root_page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=f"{permission_type}_page"
            ),
        )
    collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    for codename in (
        "add_image",
        "change_image",
        "choose_image",
        "add_document",
        "change_document",
        "choose_document",
    ):
        GroupCollectionPermission.objects.get_or_create(
            group=editors,
            collection=collection,
            permission=Permission.objects.get(codename=codename),
        )
    return ward
