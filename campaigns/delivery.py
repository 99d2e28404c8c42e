"""What providers tell us after a send: delivery receipts (applied as the one map of statuses in
campaigns.models.receipts says), and residents' opt-out replies."""

from campaigns.channels import DeliveryUpdate
from campaigns.models import ChannelAccount, Recipient
from wards.text import fold

OPT_OUT_WORDS = ("tu choi", "huy", "stop", "dung")
OPT_IN_WORDS = ("start", "dong y")
HELP_WORDS = ("giup", "giup do", "help")


def delivery_apply(*, account: ChannelAccount, update: DeliveryUpdate) -> bool:
    """Apply one receipt to the campaign message it names; True when it changed one."""
    return Recipient.objects.apply_receipt(account=account, update=update)


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
