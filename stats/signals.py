"""Marks a part of a ward dirty when its people, events, visits, return visits or learners'
progress change.

The mark is written in the same transaction as the change, so it commits (or rolls back) with
it; stats.rollups.rollup_dirty rebuilds the marked wards. Bulk writes (COPY, bulk_create,
queryset.update) send no signals: the code doing them rebuilds, and the nightly run catches up.
"""

from django.db.models.signals import post_delete, post_save

from learning.models import LessonProgress
from stats.models import DirtyWard
from teams.models import FollowUp, Visit
from wards.models import AdoptionEvent, Household, Resident

Part = DirtyWard.Part


def mark(ward_id: int | None, part: str = Part.PEOPLE) -> None:
    if ward_id is not None:
        DirtyWard.objects.create(ward_id=ward_id, part=part)


def _household_ward(household_id) -> int | None:
    return Household.objects.filter(pk=household_id).values_list("ward_id", flat=True).first()


def _resident_ward(resident_id) -> int | None:
    return (
        Resident.objects.filter(pk=resident_id).values_list("household__ward_id", flat=True).first()
    )


def household_changed(sender, instance, **kwargs):
    mark(instance.ward_id)


def resident_changed(sender, instance, **kwargs):
    mark(_household_ward(instance.household_id))


def event_changed(sender, instance, **kwargs):
    mark(_resident_ward(instance.resident_id))


def visit_changed(sender, instance, **kwargs):
    mark(instance.ward_id, Part.VISITS)


def follow_up_changed(sender, instance, **kwargs):
    mark(_household_ward(instance.household_id), Part.VISITS)


def progress_changed(sender, instance, **kwargs):
    learner = instance.learner  # loaded (or cached) by the service that saved the progress
    mark(learner.ward_id, Part.LEARNING)


# Events are appended, never edited, and deleted only with their resident (whose own signal
# marks the ward), so they need no delete receiver and keep Django's fast cascade delete.
RECEIVERS = [
    (post_save, Household, household_changed),
    (post_delete, Household, household_changed),
    (post_save, Resident, resident_changed),
    (post_delete, Resident, resident_changed),
    (post_save, AdoptionEvent, event_changed),
    (post_save, Visit, visit_changed),
    (post_delete, Visit, visit_changed),
    (post_save, FollowUp, follow_up_changed),
    (post_delete, FollowUp, follow_up_changed),
    (post_save, LessonProgress, progress_changed),
]


def connect() -> None:
    for signal, model, receiver in RECEIVERS:
        signal.connect(
            receiver,
            sender=model,
            dispatch_uid=f"stats.{receiver.__name__}.{'save' if signal is post_save else 'delete'}",
        )
