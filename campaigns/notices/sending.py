"""Sending one notice: opt-outs, quiet hours and the cap first, then one claimed provider call."""

import datetime
import logging
import uuid

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from campaigns import outbound, templating
from campaigns.channels import (
    ChannelConfigError,
    OutboundMessage,
    Outcome,
)
from campaigns.models import (
    ChannelAccount,
    Failure,
    MessagingPolicy,
    Notice,
    OptOut,
    OptOutSource,
    Recipient,
)
from campaigns.notices.services import MAX_TEXT, S, enqueue, notice_transition

logger = logging.getLogger(__name__)
HOUR = datetime.timedelta(hours=1)
# --- choosing an account -------------------------------------------------------------------------


def _accounts(ward) -> list[ChannelAccount]:
    return list(ChannelAccount.objects.filter(ward=ward).active().order_by("pk"))


def template_account(ward) -> ChannelAccount | None:
    return next((a for a in _accounts(ward) if a.uses_templates), None)


def _sms_choice(ward) -> ChannelAccount | None:
    sms = [a for a in _accounts(ward) if a.is_sms and not a.uses_templates]
    real = [a for a in sms if not a.channel_class.delivers_on_accept]
    return (real or sms)[0] if real or sms else None


def sms_account(ward) -> ChannelAccount:
    """The ward's SMS account that really sends, else its test outbox (created if need be)."""
    chosen = _sms_choice(ward)
    if chosen is not None:
        return chosen
    from campaigns.services import console_account_ensure

    return console_account_ensure(ward=ward)


def notice_text_limit(ward) -> int:
    """The longest text a notice to this ward can carry: what the SMS account it would go
    through takes (the test outbox's, when the ward has none yet), within a notice's bound.
    Forms that write notices' texts (journey steps, inbox answers) check against it."""
    from campaigns.channels.console import ConsoleChannel

    chosen = _sms_choice(ward)
    channel = chosen.channel_class if chosen is not None else ConsoleChannel
    return min(channel.max_body_chars or MAX_TEXT, MAX_TEXT)


def choose_account(notice: Notice) -> ChannelAccount:
    if notice.template_id and not notice.used_fallback:
        account = template_account(notice.ward)
        if account is not None:
            return account
    return sms_account(notice.ward)


def message_for(notice: Notice, account: ChannelAccount, channel=None) -> OutboundMessage:

    if account.uses_templates:
        data = {str(k): str(v) for k, v in notice.template_data.items()}
        return OutboundMessage(
            message_id=notice.uid.hex,
            phone_e164=notice.phone,
            body=templating.describe_template_data(data),
            template_id=notice.template_id,
            template_data=data,
        )
    return OutboundMessage(
        message_id=notice.uid.hex,
        phone_e164=notice.phone,
        body=notice.text,
        callback_url=outbound.callback_url(account, channel, notice),
    )


# --- holding back ------------------------------------------------------------------------------


def at_cap(notice: Notice, policy: MessagingPolicy, now) -> datetime.datetime | None:
    """When the number may get its next message, if it is at the cap now."""
    since = now - datetime.timedelta(hours=policy.cap_window_hours)
    times = list(
        Recipient.objects.filter(campaign__ward=notice.ward, phone=notice.phone, sent_at__gte=since)
        .values_list("sent_at", flat=True)
        .order_by("sent_at")
    )
    times += Notice.objects.sent_since(
        ward=notice.ward, phones=[notice.phone], since=since
    ).values_list("sent_at", flat=True)
    if len(times) < policy.per_recipient_cap:
        return None
    times.sort()
    return times[len(times) - policy.per_recipient_cap] + datetime.timedelta(
        hours=policy.cap_window_hours, seconds=1
    )


# --- sending -----------------------------------------------------------------------------------


def notice_deliver(*, notice_id: int, now=None) -> str:
    """Send one notice if it is due; what happened, in a word (for the task log)."""
    now = now or timezone.now()
    notice = Notice.objects.due(now).select_related("ward").filter(pk=notice_id).first()
    if notice is None:
        return "not due"
    if OptOut.objects.filter(ward=notice.ward, phone=notice.phone).exists():
        notice_transition(notice_id=notice.pk, to=S.SUPPRESSED)
        return "suppressed"
    policy = MessagingPolicy.for_ward(notice.ward)
    if not policy.allows(now):
        return _hold(notice, Notice.Hold.QUIET_HOURS, policy.next_opening(now))
    later = at_cap(notice, policy, now)
    if later is not None:
        return _hold(notice, Notice.Hold.CAP, later)
    account = choose_account(notice)

    try:
        channel = outbound.build_channel(account)
    except ChannelConfigError:
        logger.error("notice %s: channel account %s misconfigured", notice.pk, account.pk)
        return _hold(notice, Notice.Hold.CHANNEL, now + HOUR)
    token = uuid.uuid4().hex
    with channel:
        message = message_for(notice, account, channel)
        with transaction.atomic():  # the claim is durable before the provider hears of it
            claimed = notice_transition(
                notice_id=notice.pk,
                to=S.SENDING,
                claim=token,
                claimed_at=now,
                channel_account=account,
                attempts=F("attempts") + 1,
                hold="",
            )
        if not claimed:
            return "taken"
        result = channel.send(message)
    notice.attempts += 1
    with transaction.atomic():
        return _record(notice, account, channel, token, result)


def _hold(notice: Notice, hold: str, until) -> str:
    """Held, not dropped: the status stays QUEUED and the minute tick releases it at `until`."""
    Notice.objects.filter(pk=notice.pk, status=S.QUEUED).update(hold=hold, next_attempt_at=until)
    return f"held: {hold}"


def _release(notice: Notice, token: str, code: str, hold: str, *, later=None, **fields) -> None:
    notice_transition(
        notice_id=notice.pk,
        to=S.QUEUED,
        holding=token,
        claim="",
        hold=hold,
        error_code=code[:40],
        next_attempt_at=later,
        **fields,
    )


def _fail(notice: Notice, token: str, failure: str, code: str) -> str:
    notice_transition(
        notice_id=notice.pk,
        to=S.FAILED,
        holding=token,
        claim="",
        failure=failure,
        error_code=code[:40],
    )
    return f"failed: {failure}"


def _record(notice: Notice, account: ChannelAccount, channel, token: str, result) -> str:
    from campaigns import dispatch, services

    now, code = timezone.now(), result.error_code
    if result.outcome == Outcome.ACCEPTED:
        delivered = channel.delivers_on_accept
        moved = notice_transition(
            notice_id=notice.pk,
            to=S.DELIVERED if delivered else S.ACCEPTED,
            holding=token,
            claim="",
            provider_id=result.provider_id,
            error_code=code,
            sent_at=now,
            delivered_at=now if delivered else None,
        )
        if not moved:  # a receipt got there first: keep its status, fill in what it lacked
            Notice.objects.filter(pk=notice.pk, sent_at__isnull=True).update(sent_at=now)
            Notice.objects.filter(pk=notice.pk, provider_id="").update(
                provider_id=result.provider_id, claim=""
            )
        return "sent"
    wants_sms = account.uses_templates and not notice.used_fallback
    kind = account.channel_class
    if code in kind.account_error_codes:
        _release(
            notice, token, code, Notice.Hold.CHANNEL, later=now + HOUR, attempts=F("attempts") - 1
        )
        return "channel error"
    if result.outcome in (Outcome.NO_ACCOUNT, Outcome.QUOTA_EXCEEDED) and wants_sms:
        _release(notice, token, code, "", used_fallback=True, attempts=0)
        enqueue(notice.pk)
        return "fallback"
    if result.outcome == Outcome.QUOTA_EXCEEDED:
        _release(notice, token, code, Notice.Hold.CHANNEL, later=now + HOUR)
        return "quota"
    if result.outcome == Outcome.TRANSIENT_ERROR:
        if notice.attempts >= settings.CAMPAIGN_MAX_ATTEMPTS:
            return _fail(notice, token, Failure.GAVE_UP, code)
        _release(
            notice, token, code, Notice.Hold.RETRY, later=now + dispatch.backoff(notice.attempts)
        )
        return "retry"
    if result.outcome == Outcome.OPTED_OUT:
        services.opt_out_record(ward=notice.ward, phone=notice.phone, source=OptOutSource.PROVIDER)
        return _fail(notice, token, Failure.OPTED_OUT, code)
    if result.outcome == Outcome.NO_ACCOUNT:
        return _fail(notice, token, Failure.NO_ACCOUNT, code)
    invalid = code in kind.invalid_number_codes
    return _fail(notice, token, Failure.INVALID_NUMBER if invalid else Failure.REJECTED, code)
