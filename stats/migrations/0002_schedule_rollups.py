"""The schedules that keep the roll-ups current: dirty wards every 5 minutes, every ward nightly.

update_or_create on the function name: running the migration again (or on another machine
sharing the database) never adds a second schedule.
"""

import datetime

from django.db import migrations
from django.utils import timezone

SCHEDULES = [
    ("stats.tasks.refresh", "Thống kê: cập nhật phường có thay đổi", "I", 5),
    ("stats.tasks.rebuild_all", "Thống kê: tính lại mọi phường mỗi đêm", "D", None),
]


def _tonight():
    local = timezone.localtime() + datetime.timedelta(days=1)
    return local.replace(hour=0, minute=20, second=0, microsecond=0)


def create(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    for func, name, schedule_type, minutes in SCHEDULES:
        defaults = {"name": name, "schedule_type": schedule_type, "minutes": minutes}
        if schedule_type == "D":
            defaults["next_run"] = _tonight()
        Schedule.objects.update_or_create(func=func, defaults=defaults)


def remove(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.filter(func__in=[func for func, *_ in SCHEDULES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("stats", "0001_targets_official_figures_rollups"),
        ("django_q", "0018_task_success_index"),
    ]

    operations = [migrations.RunPython(create, remove)]
