"""Formerly created the minute tick of campaigns; now declared in campaigns/tasks.py."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0001_campaigns_channels_recipients_opt_outs"),
        ("django_q", "0018_task_success_index"),
    ]

    # The schedule is declared in campaigns/tasks.py (SCHEDULES) and created after every migrate by
    # wards.schedules.ensure_schedules; this step stays so the migration history is unchanged.
    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
