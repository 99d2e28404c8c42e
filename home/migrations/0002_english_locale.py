from django.db import migrations


def create_english_locale(apps, schema_editor):
    # Wagtail creates the default (Vietnamese) locale itself; English copies of pages need theirs.
    Locale = apps.get_model("wagtailcore", "Locale")
    Locale.objects.get_or_create(language_code="en")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_english_locale, migrations.RunPython.noop)]
