"""Template settings of a campaign move from two provider-named columns to `channel_options`,
whose keys the channel declares; notices name theirs the same way."""

from django.db import migrations, models


def forwards(apps, schema_editor):
    Campaign = apps.get_model("campaigns", "Campaign")
    for campaign in Campaign.objects.exclude(zalo_template_id="", zalo_template_data=""):
        campaign.channel_options = {
            "template_id": campaign.zalo_template_id,
            "template_data": campaign.zalo_template_data,
        }
        campaign.save(update_fields=["channel_options"])


def backwards(apps, schema_editor):
    Campaign = apps.get_model("campaigns", "Campaign")
    for campaign in Campaign.objects.exclude(channel_options={}):
        options = campaign.channel_options or {}
        campaign.zalo_template_id = options.get("template_id", "")[:40]
        campaign.zalo_template_data = options.get("template_data", "")
        campaign.save(update_fields=["zalo_template_id", "zalo_template_data"])


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0003_notice")]

    operations = [
        migrations.AddField(
            model_name="campaign",
            name="channel_options",
            field=models.JSONField(blank=True, default=dict, verbose_name="thiết lập của kênh"),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="campaign", name="zalo_template_id"),
        migrations.RemoveField(model_name="campaign", name="zalo_template_data"),
        migrations.RenameField(model_name="notice", old_name="zalo_template", new_name="template_id"),
        migrations.RenameField(model_name="notice", old_name="zalo_data", new_name="template_data"),
    ]
