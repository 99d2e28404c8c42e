"""Everyday words seeded for every ward, and the daily deletion of questions older than 90 days."""

import datetime

from django.db import migrations
from django.utils import timezone

from assistant.seed import SEED  # plain data, no models

FUNC = "assistant.tasks.forget_old_questions"


def _fold(text):
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.replace("đ", "d").replace("Đ", "D").lower().split())


def create(apps, schema_editor):
    Synonym = apps.get_model("assistant", "Synonym")
    for phrase, means in SEED:
        Synonym.objects.get_or_create(
            ward=None, phrase=phrase, defaults={"means": means, "phrase_folded": _fold(phrase)}
        )
    Schedule = apps.get_model("django_q", "Schedule")
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    Schedule.objects.update_or_create(
        func=FUNC,
        defaults={
            "name": "Trợ lý: xóa câu hỏi cũ hơn 90 ngày",
            "schedule_type": "D",
            "next_run": tomorrow.replace(hour=3, minute=0, second=0, microsecond=0),
        },
    )


def remove(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(func=FUNC).delete()
    apps.get_model("assistant", "Synonym").objects.filter(ward=None, phrase__in=[p for p, _ in SEED]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("assistant", "0001_documents_synonyms_questions"),
        ("django_q", "0018_task_success_index"),
    ]

    operations = [migrations.RunPython(create, remove)]
