"""Background work (django-q2): take ids, call a service.

`roll_up_scans` runs daily from a django-q Schedule (migration 0002), or from cron as
`manage.py qr_roll_up`.
"""

from qr import services
from qr.models import PosterBatch


def build_poster_batch(batch_id: int) -> str:
    batch = PosterBatch.objects.select_related("ward__site").get(pk=batch_id)
    if batch.status != PosterBatch.Status.QUEUED:
        return batch.status  # a retried task must not build the same batch twice
    return services.poster_batch_build(batch=batch).status


def roll_up_scans() -> int:
    return services.scans_roll_up()
