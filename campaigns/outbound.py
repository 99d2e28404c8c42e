"""Building a channel for an account and the message one recipient gets on it."""

import contextlib

from django.conf import settings
from django.db import transaction

from campaigns import templating
from campaigns.channels import TEMPLATE_DATA, TEMPLATE_ID, OutboundMessage, get_channel
from campaigns.models import ChannelAccount, Recipient
from wards.public_url import ward_base_url


def webhook_base_url() -> str:
    return (settings.CAMPAIGN_WEBHOOK_BASE_URL or settings.PUBLIC_BASE_URL).rstrip("/")


@contextlib.contextmanager
def account_row_lock(account_id: int):
    """One token refresh at a time per account, across processes and machines."""
    with transaction.atomic():
        ChannelAccount.objects.select_for_update().filter(pk=account_id).first()
        yield


def build_channel(account: ChannelAccount):
    config = account.config()
    if account.channel_class.refreshes_tokens:

        def load_tokens():
            stored = ChannelAccount.objects.get(pk=account.pk).secrets
            return stored.get("access_token"), stored.get("refresh_token")

        def store_tokens(access, refresh, expires_at):
            with transaction.atomic():
                row = ChannelAccount.objects.select_for_update().get(pk=account.pk)
                row.secrets = {**row.secrets, "access_token": access, "refresh_token": refresh}
                row.token_expires_at = expires_at
                row.save(update_fields=["secrets", "token_expires_at"])

        config.update(
            token_lock=lambda: account_row_lock(account.pk),
            load_tokens=load_tokens,
            on_tokens_refreshed=store_tokens,
        )
    if settings.CAMPAIGN_WEBHOOK_BASE_URL:
        config.setdefault("public_base_url", settings.CAMPAIGN_WEBHOOK_BASE_URL)
    return get_channel(account.channel, config)


def webhook_url(account: ChannelAccount) -> str:
    """This account's /webhooks/<slug>/<key>/ as the provider calls it ("" for no webhooks)."""
    from django.urls import reverse

    slug = account.channel_class.webhook_slug
    if not slug:
        return ""
    return webhook_base_url() + reverse("campaigns:webhook", args=[slug, account.key])


def callback_url(account: ChannelAccount, channel, row) -> str:
    url = webhook_url(account)
    return channel.callback_url(url, row.uid.hex) if url and channel is not None else ""


def outbound(account: ChannelAccount, row: Recipient, channel=None) -> OutboundMessage:
    """The message for `row` on `account`: a template message, else the campaign's text."""
    campaign = row.campaign
    context = templating.MessageContext(
        full_name=row.resident.full_name if row.resident else "",
        area=row.area.name if row.area else "",
        ward=campaign.ward.name,
        link_code=row.link_code or "",
        base_url=ward_base_url(campaign.ward),
    )
    if account.uses_templates:
        options = campaign.channel_options or {}
        data = templating.render_template_data(options.get(TEMPLATE_DATA, ""), context)
        return OutboundMessage(
            message_id=row.uid.hex,
            phone_e164=row.phone,
            body=templating.describe_template_data(data),
            template_id=options.get(TEMPLATE_ID, ""),
            template_data=data,
        )
    return OutboundMessage(
        message_id=row.uid.hex,
        phone_e164=row.phone,
        body=templating.render(campaign.body, context),
        callback_url=callback_url(account, channel, row),
    )
