"""Publishing a page or changing a procedure schedules a rebuild of the ward's index.

The rebuild runs in the worker a little later, once per ward however many pages were published
in the meantime (a demo load or an import publishes hundreds).
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from wards.models import Ward

FUNC = "assistant.tasks.rebuild_index"


def schedule_rebuild(ward_ids) -> None:
    from django_q.models import Schedule

    delay = datetime.timedelta(seconds=getattr(settings, "ASSISTANT_REBUILD_DELAY", 30))
    for ward_id in set(ward_ids):
        Schedule.objects.get_or_create(
            name=f"assistant-rebuild-{ward_id}",
            defaults={
                "func": FUNC,
                "args": repr((ward_id,)),
                "schedule_type": Schedule.ONCE,
                "repeats": -1,
                "next_run": timezone.now() + delay,
            },
        )


def _later(ward_ids) -> None:
    ward_ids = [w for w in ward_ids if w]
    if ward_ids:
        transaction.on_commit(lambda: schedule_rebuild(ward_ids))


def page_changed(sender, instance, **kwargs) -> None:
    site = instance.get_site()
    if site is not None:
        _later(Ward.objects.filter(site=site).values_list("pk", flat=True))
    else:  # a province library lesson: every ward may show it
        _later(Ward.objects.values_list("pk", flat=True))


def procedure_changed(sender, instance, **kwargs) -> None:
    _later([instance.ward_id])
