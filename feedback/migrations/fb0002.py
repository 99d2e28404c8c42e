"""The minute tick that sends rating requests whose delay has passed."""

from django.db import migrations

FUNC = "feedback.tasks.send_due_rating_requests"


def create(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.update_or_create(
        func=FUNC,
        defaults={"name": "Góp ý: gửi lời mời đánh giá, mỗi phút", "schedule_type": "I", "minutes": 1},
    )


def remove(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(func=FUNC).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0001_ratings_petitions_categories"),
        ("django_q", "0018_task_success_index"),
    ]

    operations = [migrations.RunPython(create, remove)]
