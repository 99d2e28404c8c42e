"""Everyday words seeded for every ward (the daily cleanup is declared in assistant/tasks.py)."""

from django.db import migrations

from assistant.seed import SEED  # plain data, no models


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


def remove(apps, schema_editor):
    apps.get_model("assistant", "Synonym").objects.filter(
        ward=None, phrase__in=[phrase for phrase, _ in SEED]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("assistant", "0001_documents_synonyms_questions")]

    operations = [migrations.RunPython(create, remove)]
