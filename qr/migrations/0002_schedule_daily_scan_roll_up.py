"""Formerly created the daily scan roll-up; now declared in qr/tasks.py."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("qr", "0001_procedures_placements_links_scans_posters"),
        ("django_q", "0018_task_success_index"),
    ]

    # The schedule is declared in qr/tasks.py (SCHEDULES) and created after every migrate by
    # wards.schedules.ensure_schedules; this step stays so the migration history is unchanged.
    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
