"""Replies are acted on by a task that claims them: when it did, or NULL while it has not."""

from django.db import migrations, models
from django.db.models import F


def replies_kept_so_far_were_acted_on(apps, schema_editor):
    # Until now the webhook acted on every reply in the request itself; without this the first
    # sweep would act on all of them a second time.
    InboundMessage = apps.get_model("campaigns", "InboundMessage")
    InboundMessage.objects.filter(acted_at=None).update(acted_at=F("received_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0008_journey_team_task"),
    ]

    operations = [
        migrations.AddField(
            model_name="inboundmessage",
            name="acted_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(replies_kept_so_far_were_acted_on, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="inboundmessage",
            index=models.Index(
                condition=models.Q(("acted_at__isnull", True)),
                fields=["received_at"],
                name="inbound_unacted",
            ),
        ),
    ]
