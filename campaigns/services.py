"""Writes of the campaigns app. Atomic, keyword arguments only.

Every status change of a campaign goes through `campaign_transition`, which refuses an illegal
move; the named actions below (submit, approve, pause, ...) check who may act and call it.
"""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns import audience as audiences
from campaigns.bulk import insert_recipients
from campaigns.models import (
    Campaign,
    ChannelAccount,
    Click,
    Exclusion,
    MessagingPolicy,
    OptOut,
    OptOutEvent,
    Recipient,
)
from wards import changes
from wards.models import AuditEntry
from wards.services import audit_record
from wards.text import nfc

logger = logging.getLogger(__name__)
Status = Campaign.Status

TRANSITIONS = {
    Status.DRAFT: {Status.AWAITING_APPROVAL, Status.SCHEDULED, Status.CANCELLED},
    Status.AWAITING_APPROVAL: {Status.SCHEDULED, Status.DRAFT, Status.CANCELLED},
    Status.SCHEDULED: {Status.SENDING, Status.DRAFT, Status.CANCELLED},
    Status.SENDING: {Status.PAUSED, Status.DONE, Status.CANCELLED},
    # PAUSED → PAUSED: staff take over a pause the system made (quiet hours, quota...).
    Status.PAUSED: {Status.SENDING, Status.PAUSED, Status.DONE, Status.CANCELLED},
    Status.DONE: set(),
    Status.CANCELLED: set(),
}


class IllegalTransition(ValidationError):
    pass


def enqueue_dispatch(account_id: int) -> None:
    """Start (or nudge) the dispatcher of one channel account once the transaction commits."""
    from django_q.tasks import async_task

    transaction.on_commit(
        lambda: async_task("campaigns.tasks.dispatch_account", account_id, group="campaigns")
    )


@transaction.atomic
def campaign_transition(
    *, campaign: Campaign, to: str, by=None, reason: str = "", note: str = ""
) -> Campaign:
    """Move `campaign` to `to`, with the side effects of entering that state."""
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if to not in TRANSITIONS[locked.status]:
        raise IllegalTransition(
            _("Không thể chuyển chiến dịch từ “%(from)s” sang “%(to)s”."),
            params={"from": locked.get_status_display(), "to": Status(to).label},
            code="illegal_transition",
        )
    now = timezone.now()
    previous = locked.status
    locked.status = to
    locked.pause_reason = reason if to == Status.PAUSED else ""
    locked.status_note = note[:255]
    if to == Status.DRAFT:
        locked.recipients.all().delete()
        locked.submitted_at = locked.approved_at = locked.approved_by = None
    elif to == Status.AWAITING_APPROVAL:
        locked.submitted_at = now
    elif to == Status.SCHEDULED:
        locked.submitted_at = locked.submitted_at or now
    elif to == Status.SENDING and locked.started_at is None:
        # Stats count a campaign from its start: its frozen rows enter the figures now.
        locked.started_at = now
        changes.record(ward_ids=[locked.ward_id], part=changes.Part.CAMPAIGNS)
    elif to in (Status.DONE, Status.CANCELLED):
        locked.finished_at = now
    if to == Status.CANCELLED:
        locked.recipients.skip(Exclusion.CANCELLED)
    locked.save()
    if to == Status.SENDING:
        for account_id in set(
            locked.recipients.open().values_list("channel_account_id", flat=True)
        ):
            enqueue_dispatch(account_id)
    logger.info("campaign %s: %s -> %s %s", locked.pk, previous, to, reason)
    for name in (
        "status",
        "pause_reason",
        "status_note",
        "submitted_at",
        "approved_at",
        "approved_by",
        "started_at",
        "finished_at",
    ):
        setattr(campaign, name, getattr(locked, name))
    return campaign


# --- building --------------------------------------------------------------------------------

CAMPAIGN_FIELDS = (
    "name",
    "goal",
    "requires",
    "lacks",
    "min_age",
    "max_age",
    "channel",
    "sms_fallback",
    "body",
    "channel_options",
    "target_page",
    "send_at",
    "holdout_percent",
    "conversion_window_days",
)


@transaction.atomic
def campaign_create(*, ward, by, areas=(), **fields) -> Campaign:
    campaign = Campaign(ward=ward, created_by=by)
    _assign(campaign, fields)
    campaign.save()
    campaign.areas.set(areas)
    return campaign


@transaction.atomic
def campaign_update(*, campaign: Campaign, by, areas=(), **fields) -> Campaign:
    if not campaign.is_editable:
        raise IllegalTransition(
            _("Chỉ sửa được chiến dịch ở trạng thái bản nháp."), code="not_editable"
        )
    _assign(campaign, fields)
    campaign.save()
    campaign.areas.set(areas)
    return campaign


def _assign(campaign: Campaign, fields: dict) -> None:
    for name, value in fields.items():
        if name not in CAMPAIGN_FIELDS:
            raise TypeError(f"unknown campaign field {name}")
        if isinstance(value, str):
            value = nfc(value) if name != "body" else nfc(value).replace("\r\n", "\n")
        setattr(campaign, name, value)


def recipients_freeze(*, campaign: Campaign, by) -> int:
    """Write a row per targeted resident (eligible, holdout or excluded); the number to send.

    No change mark: stats count a campaign from its start, which campaign_transition marks."""
    audience = audiences.resolve(audiences.AudienceSpec.of(campaign), by)
    rows = []
    for candidate in audience.candidates:
        row = Recipient(
            campaign=campaign,
            resident_id=candidate.resident_id,
            area_id=candidate.area_id,
            phone=candidate.phone[:16],
        )
        if candidate.exclusion:
            row.status, row.exclusion = Recipient.Status.EXCLUDED, candidate.exclusion
        elif audiences.in_holdout(campaign.pk, candidate.resident_id, campaign.holdout_percent):
            row.status = Recipient.Status.HOLDOUT
        else:
            row.status, row.channel_account_id = Recipient.Status.QUEUED, campaign.channel_id
        rows.append(row)
    _give_link_codes([row for row in rows if row.status == Recipient.Status.QUEUED])
    insert_recipients(rows)
    return sum(1 for row in rows if row.status == Recipient.Status.QUEUED)


def _give_link_codes(rows: list[Recipient], batch: int = 5000) -> None:
    """Unique short codes; the rare clash with an existing code is drawn again."""
    for start in range(0, len(rows), batch):
        chunk = rows[start : start + batch]
        codes = {}
        while len(codes) < len(chunk):
            codes.setdefault(audiences.new_link_code(), None)
        taken = set(
            Recipient.objects.filter(link_code__in=list(codes)).values_list("link_code", flat=True)
        )
        fresh = [code for code in codes if code not in taken]
        while len(fresh) < len(chunk):
            code = audiences.new_link_code()
            if code not in taken and code not in fresh:
                fresh.append(code)
        for row, code in zip(chunk, fresh, strict=False):
            row.link_code = code


def needs_approval(campaign: Campaign, to_send: int) -> bool:
    return to_send > MessagingPolicy.for_ward(campaign.ward).approval_threshold


def campaign_submit(*, campaign: Campaign, by) -> Campaign:
    """Freeze the recipients; schedule, or ask a leader first when the campaign is big."""
    for attempt in range(3):
        try:
            with transaction.atomic():
                locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
                if locked.status != Status.DRAFT:
                    raise IllegalTransition(
                        _("Chiến dịch này đã được gửi đi duyệt hoặc lên lịch."),
                        code="not_draft",
                    )
                to_send = recipients_freeze(campaign=locked, by=by)
                if to_send == 0:
                    raise ValidationError(
                        _("Không còn ai để gửi tin: danh sách người nhận đủ điều kiện trống."),
                        code="empty",
                    )
                if needs_approval(locked, to_send):
                    campaign_transition(campaign=campaign, to=Status.AWAITING_APPROVAL, by=by)
                else:
                    campaign_transition(campaign=campaign, to=Status.SCHEDULED, by=by)
                    campaign_start_if_due(campaign=campaign)
            return campaign
        except IntegrityError:  # two submits drew the same link code at once: draw again
            if attempt == 2:
                raise
    return campaign


def campaign_approve(*, campaign: Campaign, by) -> Campaign:
    if not by.has_perm("campaigns.approve_campaign"):
        raise PermissionDenied
    with transaction.atomic():
        campaign_transition(campaign=campaign, to=Status.SCHEDULED, by=by)
        Campaign.objects.filter(pk=campaign.pk).update(approved_by=by, approved_at=timezone.now())
        campaign.approved_by, campaign.approved_at = by, timezone.now()
        campaign_start_if_due(campaign=campaign)
    return campaign


def campaign_send_back(*, campaign: Campaign, by, note: str = "") -> Campaign:
    if not by.has_perm("campaigns.approve_campaign"):
        raise PermissionDenied
    if campaign.status != Status.AWAITING_APPROVAL:
        raise IllegalTransition(_("Chiến dịch này không còn chờ duyệt."), code="not_awaiting")
    return campaign_transition(campaign=campaign, to=Status.DRAFT, by=by, note=nfc(note))


def campaign_start_if_due(*, campaign: Campaign, now=None) -> bool:
    now = now or timezone.now()
    if campaign.status == Status.SCHEDULED and (
        campaign.send_at is None or campaign.send_at <= now
    ):
        campaign_transition(campaign=campaign, to=Status.SENDING)
        return True
    return False


def campaign_pause(*, campaign: Campaign, by=None, reason=Campaign.PauseReason.STAFF, note=""):
    return campaign_transition(campaign=campaign, to=Status.PAUSED, by=by, reason=reason, note=note)


def campaign_resume(*, campaign: Campaign, by=None) -> Campaign:
    return campaign_transition(campaign=campaign, to=Status.SENDING, by=by)


def campaign_cancel(*, campaign: Campaign, by) -> Campaign:
    return campaign_transition(campaign=campaign, to=Status.CANCELLED, by=by)


def campaign_unschedule(*, campaign: Campaign, by) -> Campaign:
    """Back to draft to edit (the frozen recipients are dropped)."""
    return campaign_transition(campaign=campaign, to=Status.DRAFT, by=by)


@transaction.atomic
def campaign_resend_in_doubt(*, campaign: Campaign, by) -> int:
    """Staff decided to re-send the messages a crash left in doubt (Recipient.Status.UNKNOWN)."""
    if campaign.status != Status.PAUSED:
        raise IllegalTransition(_("Hãy tạm dừng chiến dịch trước."), code="not_paused")
    count = campaign.recipients.filter(status=Recipient.Status.UNKNOWN).requeue(
        next_attempt_at=None
    )
    campaign_transition(campaign=campaign, to=Status.SENDING, by=by)
    return count


def campaign_finish(*, campaign: Campaign, by=None) -> Campaign:
    """End a paused campaign without sending what is left (messages in doubt stay in doubt)."""
    with transaction.atomic():
        campaign.recipients.skip(Exclusion.CANCELLED)
        return campaign_transition(campaign=campaign, to=Status.DONE, by=by)


# --- opt-outs, clicks ------------------------------------------------------------------------


@transaction.atomic
def opt_out_record(*, ward, phone: str, source: str, campaign=None) -> bool:
    """Add a number to the ward's suppression list; queued messages to it are skipped."""
    _entry, created = OptOut.objects.get_or_create(
        ward=ward, phone=phone, defaults={"source": source}
    )
    if created:
        OptOutEvent.objects.create(
            ward=ward, campaign=campaign, action=OptOutEvent.Action.OUT, source=source
        )
    Recipient.objects.filter(campaign__ward=ward, phone=phone).skip(Exclusion.OPTED_OUT)
    return created


@transaction.atomic
def opt_in_record(*, ward, phone: str, source: str, campaign=None) -> bool:
    deleted, _rows = OptOut.objects.filter(ward=ward, phone=phone).delete()
    if deleted:
        OptOutEvent.objects.create(
            ward=ward, campaign=campaign, action=OptOutEvent.Action.IN, source=source
        )
    return bool(deleted)


@transaction.atomic
def click_record(*, recipient: Recipient, is_bot: bool) -> None:
    Click.objects.create(recipient=recipient, is_bot=is_bot)
    if not is_bot:
        now = timezone.now()
        first = Recipient.objects.filter(pk=recipient.pk, first_clicked_at__isnull=True).update(
            first_clicked_at=now
        )
        Recipient.objects.filter(pk=recipient.pk).update(clicks=F("clicks") + 1)
        if first:  # stats count who clicked, not how often: only a first click moves them
            changes.record(ward_ids=[recipient.campaign.ward_id], part=changes.Part.CAMPAIGNS)


# --- settings ----------------------------------------------------------------------------------


def console_account_ensure(*, ward) -> ChannelAccount:
    """Every ward can try campaigns at once: the console channel writes to the admin's outbox."""
    account, _created = ChannelAccount.objects.get_or_create(
        ward=ward,
        channel="console",
        defaults={"name": str(_("Thử nghiệm (hộp thư)")), "rate_per_second": 50},
    )
    return account


@transaction.atomic
def channel_account_save(
    *, account: ChannelAccount, by, settings: dict, secrets: dict, **fields
) -> ChannelAccount:
    """Store settings; a secret left empty keeps its stored value (forms never show secrets)."""
    for name, value in fields.items():
        setattr(account, name, nfc(value) if isinstance(value, str) else value)
    account.settings = {k: v for k, v in settings.items() if v not in ("", None)}
    stored = dict(account.secrets or {})
    stored.update({k: v for k, v in secrets.items() if v})
    account.secrets = stored
    account.save()
    audit_record(
        actor=by,
        action=AuditEntry.Action.UPDATE,
        obj=account,
        ward=account.ward,
        summary=account.name,
        changes={"secrets_changed": sorted(k for k, v in secrets.items() if v)},
    )
    return account


@transaction.atomic
def messaging_policy_save(*, ward, by, **fields) -> MessagingPolicy:
    policy = MessagingPolicy.for_ward(ward)
    for name, value in fields.items():
        setattr(policy, name, value)
    policy.save()
    return policy


def recipients_export_logged(*, campaign: Campaign, by, count: int) -> None:
    audit_record(
        actor=by,
        action=AuditEntry.Action.EXPORT,
        obj=campaign,
        ward=campaign.ward,
        summary=f"{count} người nhận",
    )
