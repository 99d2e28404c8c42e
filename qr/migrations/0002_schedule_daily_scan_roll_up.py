"""The daily roll-up of raw scans older than 90 days into daily totals (django-q Schedule)."""

import datetime

from django.db import migrations
from django.utils import timezone

FUNC = "qr.tasks.roll_up_scans"


def create(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    # At night, when nobody is scanning: the roll-up deletes a day of raw rows at a time.
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    Schedule.objects.update_or_create(
        func=FUNC,
        defaults={
            "name": "Mã QR: gộp lượt quét cũ theo ngày",
            "schedule_type": "D",
            "next_run": tomorrow.replace(hour=2, minute=0, second=0, microsecond=0),
        },
    )


def remove(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(func=FUNC).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("qr", "0001_procedures_placements_links_scans_posters"),
        ("django_q", "0018_task_success_index"),
    ]

    operations = [migrations.RunPython(create, remove)]
