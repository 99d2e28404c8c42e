"""Households and people added from the field app's queue: each saved once per client UUID.

The check is the online form's (teams.forms), so the phone and the page refuse the same things in
the same words. A person "new in this household" is created at most once however many requests
meet them at the same time: the household's row is locked and the name looked up again inside
the transaction (SQLite transactions here are IMMEDIATE, so they run one at a time).
"""

from django.db import IntegrityError, transaction

from teams.models import FieldRecord
from wards import changes
from wards.models import Household, Resident
from wards.services import household_create, resident_create
from wards.text import same_name_key


def field_record_find(*, client_uuid) -> FieldRecord | None:
    return FieldRecord.objects.filter(client_uuid=client_uuid).select_related("household").first()


def household_add(*, member, client_uuid, fields: dict) -> tuple[FieldRecord, bool]:
    """(record, created): the household of this client UUID, created now or earlier."""
    known = field_record_find(client_uuid=client_uuid)
    if known is not None:
        return known, False
    try:
        with transaction.atomic():
            household = household_create(
                area=fields["area"],
                address=fields["address"],
                head_name=fields["head_name"],
                phone=fields["phone"],
                size=fields["size"],
                by=member,
            )
            record = FieldRecord.objects.create(
                client_uuid=client_uuid,
                kind=FieldRecord.Kind.HOUSEHOLD,
                member=member,
                household=household,
            )
            changes.record(ward_ids=[household.ward_id], part=changes.Part.PEOPLE)
    except IntegrityError:  # the same UUID saved by a concurrent request
        known = field_record_find(client_uuid=client_uuid)
        if known is None:
            raise
        return known, False
    return record, True


def lock_households(household_ids) -> None:
    """Hold the households' rows until the transaction ends (in id order: no deadlock)."""
    list(
        Household.objects.select_for_update()
        .filter(pk__in=sorted(set(household_ids)))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def resident_met(*, household, by, full_name: str, **fields) -> tuple[Resident, bool]:
    """The household's resident of this name, created if nobody of that name lives there yet.

    Call inside a transaction after lock_households: two requests meeting the same new person
    then make one resident.
    """
    twin = Resident.objects.filter(household=household, name_key=same_name_key(full_name)).first()
    if twin is not None:
        return twin, False
    return resident_create(household=household, by=by, full_name=full_name, **fields), True


def resident_add(*, member, client_uuid, household, fields: dict) -> tuple[FieldRecord, bool]:
    """(record, created): a person added to a household from the phone. A name already in the
    household answers with the resident already there (record.resident), created False."""
    known = field_record_find(client_uuid=client_uuid)
    if known is not None:
        return known, False
    try:
        with transaction.atomic():
            lock_households([household.pk])
            resident, created = resident_met(household=household, by=member, **fields)
            record = FieldRecord.objects.create(
                client_uuid=client_uuid,
                kind=FieldRecord.Kind.RESIDENT,
                member=member,
                household=household,
                resident=resident,
            )
            if created:
                changes.record(ward_ids=[household.ward_id], part=changes.Part.PEOPLE)
    except IntegrityError:
        known = field_record_find(client_uuid=client_uuid)
        if known is None:
            raise
        return known, False
    return record, created
