"""Background work (django-q2): take ids, call a service.

`roll_up_scans` runs daily from a django-q Schedule (SCHEDULES, created by wards.schedules), or
from cron as `manage.py qr_roll_up`.
"""

import datetime

from qr import services
from qr.models import PosterBatch
from wards.schedules import Every

# At night, when nobody is scanning: the roll-up deletes a day of raw rows at a time.
SCHEDULES = [
    Every("qr.tasks.roll_up_scans", "Mã QR: gộp lượt quét cũ theo ngày", at=datetime.time(2, 0)),
]


def build_poster_batch(batch_id: int) -> str:
    batch = PosterBatch.objects.select_related("ward__site").get(pk=batch_id)
    if batch.status != PosterBatch.Status.QUEUED:
        return batch.status  # a retried task must not build the same batch twice
    return services.poster_batch_build(batch=batch).status


def roll_up_scans() -> int:
    return services.scans_roll_up()
