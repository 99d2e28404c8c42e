"""Formerly created the roll-up schedules; now declared in stats/tasks.py."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("stats", "0001_targets_official_figures_rollups"),
        ("django_q", "0018_task_success_index"),
    ]

    # The schedule is declared in stats/tasks.py (SCHEDULES) and created after every migrate by
    # wards.schedules.ensure_schedules; this step stays so the migration history is unchanged.
    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
