"""Storing a resident's reply, before any keyword acts on it, and the once-a-day help text."""

import re
import uuid

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from campaigns.delivery import keyword_action
from campaigns.models import ChannelAccount, InboundMessage, Notice, Recipient, SenderAlias
from campaigns.models.inbox import MAX_TEXT
from campaigns.notices import notice_send
from campaigns.phones import phone_or_none
from wards.models import Resident
from wards.text import nfc

# C0 controls but tab and newline, DEL and the C1 block: nothing a resident typed.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Line and paragraph separators and lone surrogates are dropped too (they break a table row).
UNPRINTABLE = re.compile(r"[\u2028\u2029\ud800-\udfff]")
HELP_REASON = "inbox_help"


def clean_text(text, limit: int = MAX_TEXT) -> str:
    """NFC, no control characters, at most `limit` characters (cut, never refused)."""
    text = UNPRINTABLE.sub("", CONTROL.sub("", str(text or "")))
    return nfc(text.replace("\r\n", "\n").replace("\r", "\n"))[:limit].strip()


def _sender_ref(raw) -> str:
    return clean_text(raw, limit=64).replace("\n", " ")


def inbound_receive(*, account: ChannelAccount, reply) -> InboundMessage | None:
    """Keep one reply and queue the task that acts on it, in one transaction; None when the
    provider sent this message before (a retried webhook: nothing stored, nothing queued)."""
    from campaigns.inbox.acting import inbound_enqueue

    phone = phone_or_none(reply.phone) or ""
    sender = "" if phone else _sender_ref(reply.sender or reply.phone)
    if not phone and reply.sender:
        phone = _phone_of(account, sender)
    text = clean_text(reply.text)
    resident_id = None
    if phone:
        resident_id = (
            Resident.objects.filter(household__ward_id=account.ward_id, phone=phone)
            .values_list("pk", flat=True)
            .order_by("pk")
            .first()
        )
    message = InboundMessage(
        ward=account.ward,
        account=account,
        provider_id=_sender_ref(reply.provider_id),
        phone=phone,
        sender_ref=sender,
        resident_id=resident_id,
        text=text,
        action=keyword_action(text) or "",
    )
    try:
        with transaction.atomic():
            message.save(force_insert=True)
            inbound_enqueue(message.pk)
    except IntegrityError:  # the same provider id for this account is already kept
        return None
    return message


def _phone_of(account: ChannelAccount, ref: str) -> str:
    alias = SenderAlias.objects.filter(account=account, ref=ref).values_list("phone", flat=True)
    return alias.first() or ""


def sender_aliases_learn(*, account: ChannelAccount, updates) -> int:
    """Remember who each receipt's `recipient_ref` is: the phone of the message its tracking id
    names (a campaign message or a notice of this ward). One upsert; a repeat changes nothing
    but the time. How many receipts named someone we could place."""
    named = {}
    for update in updates:
        try:
            uid = uuid.UUID(update.tracking_id)
        except (ValueError, AttributeError, TypeError):
            continue
        if update.recipient_ref:
            named[uid] = update.recipient_ref
    if not named:
        return 0
    ward = account.ward_id
    phones = dict(
        Recipient.objects.filter(campaign__ward_id=ward, uid__in=named).values_list("uid", "phone")
    )
    rest = set(named) - set(phones)
    if rest:
        notices = Notice.objects.filter(ward_id=ward, uid__in=rest).values_list("uid", "phone")
        phones.update(notices)
    now = timezone.now()
    rows = {
        named[uid]: SenderAlias(account=account, ref=named[uid], phone=phone, learnt_at=now)
        for uid, phone in phones.items()
        if phone
    }
    SenderAlias.objects.bulk_create(
        rows.values(),
        update_conflicts=True,
        unique_fields=["account", "ref"],
        update_fields=["phone", "learnt_at"],
    )
    return len(rows)


def help_text() -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _("Nhắn GIUP để được giúp, HUY để thôi nhận tin, DUNG để dừng nhắc.")


def help_reply(*, message: InboundMessage):
    """The help text for a reply with no keyword, at most once per number and local day.

    notice_send keeps one row per key and never sends to a number on the opt-out list.
    """
    if message.action or not message.phone:
        return None
    day = timezone.localdate(message.received_at).isoformat()
    return notice_send(
        ward=message.ward,
        phone=message.phone,
        text=help_text(),
        reason=HELP_REASON,
        dedup_key=f"inbox-help:{message.ward_id}:{message.phone}:{day}",
        resident=message.resident,
    )
