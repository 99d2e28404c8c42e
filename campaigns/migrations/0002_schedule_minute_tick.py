"""The minute tick that starts scheduled campaigns, resumes paused ones and restarts sending."""

from django.db import migrations

FUNC = "campaigns.tasks.tick"


def create(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.update_or_create(
        func=FUNC,
        defaults={"name": "Chiến dịch tin nhắn: mỗi phút", "schedule_type": "I", "minutes": 1},
    )


def remove(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(func=FUNC).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0001_campaigns_channels_recipients_opt_outs"),
        ("django_q", "0018_task_success_index"),
    ]

    operations = [migrations.RunPython(create, remove)]
