"""What providers tell us after a send: delivery receipts (applied as the one map of statuses in
campaigns.models.receipts says), and residents' opt-out replies."""

from django.db import transaction

from campaigns.channels import DeliveryUpdate
from campaigns.models import ChannelAccount, Recipient
from wards import changes
from wards.text import fold

OPT_OUT_WORDS = ("tu choi", "huy", "stop", "dung")
OPT_IN_WORDS = ("start", "dong y")
HELP_WORDS = ("giup", "giup do", "help")


def delivery_apply(
    *, account: ChannelAccount, updates: list[DeliveryUpdate]
) -> list[DeliveryUpdate]:
    """Apply one callback's receipts to the campaign messages they name, with one change mark
    for the account's ward (an account sends only its own ward's campaigns) when any moved: a
    callback carries one receipt or hundreds, and a mark per receipt would flood the feed.
    Returns the receipts that named no campaign message."""
    with transaction.atomic():
        unmatched = [
            update
            for update in updates
            if not Recipient.objects.apply_receipt(account=account, update=update)
        ]
        if len(unmatched) < len(updates):
            changes.record(ward_ids=[account.ward_id], part=changes.Part.CAMPAIGNS)
    return unmatched


def keyword_action(text: str) -> str | None:
    """ "out" for TU CHOI / HUY / STOP / DUNG, "in" for START / DONG Y, "help" for GIUP, else None.

    Accent- and case-insensitive. The whole reply must be the keyword (a one-word keyword may
    be followed by nothing else), so "Đúng rồi" is not "DUNG" and "Hủy" is "HUY".
    """
    words = "".join(ch if ch.isalnum() else " " for ch in fold(text)).split()
    reply = " ".join(words)
    if reply in OPT_OUT_WORDS:
        return "out"
    if reply in OPT_IN_WORDS:
        return "in"
    if reply in HELP_WORDS:
        return "help"
    if reply.startswith("tu choi "):
        return "out"
    return None
