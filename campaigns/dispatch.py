"""Sending: one dispatcher per channel account, paced to the account's rate.

Exactly once per recipient. Each recipient has one row. The dispatcher claims a row (QUEUED →
SENDING, a conditional UPDATE that only one process can win) immediately before the provider
call and records the outcome right after it, so a worker killed mid-send leaves at most the
rows it had in flight in SENDING. Once such a row's claim is older than the send lease (longer
than any provider timeout, so no call can still be running), `recover_interrupted` decides per
channel (Channel.crash_recovery):
  RESEND  console, eSMS: queue it again (eSMS refuses a second copy with our RequestId; the
          console never left the process);
  LOOKUP  Twilio: ask Twilio for a message to that number with that body created since the
          claim; found → accepted with its sid, not found → queue it again;
  HOLD    Zalo: mark it UNKNOWN (a later delivery webhook carrying its tracking_id settles it);
          the campaign then waits for staff to re-send or finish, never a blind second copy.
The dispatcher itself holds a lease on the account row, refreshed every chunk; a dead one's
lease goes stale and the next run (started by the minute tick) takes over.
"""

import contextlib
import datetime
import logging
import random
import time
import uuid

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from campaigns import audience, services, templating
from campaigns.channels import (
    ChannelConfigError,
    CrashRecovery,
    OutboundMessage,
    Outcome,
    get_channel,
)
from campaigns.models import (
    Campaign,
    ChannelAccount,
    Exclusion,
    Failure,
    MessagingPolicy,
    OptOut,
    OptOutSource,
    Recipient,
)
from campaigns.pacing import Pacer, SenderPool
from wards.models import Resident
from wards.public_url import ward_base_url

logger = logging.getLogger(__name__)
R = Recipient.Status

# Provider codes that speak of the account or the template, not of one recipient: the campaign
# pauses for staff to fix the channel instead of failing every message.
ACCOUNT_ERRORS = {
    "twilio_sms": {"20003", "21606", "21603"},
    "zalo_zns": {"-101", "-102", "-103", "-104", "-105", "-109", "-111", "-112"},
    "esms": {"101", "102", "104", "140", "146", "177"},
}
INVALID_NUMBER_CODES = {"21211", "21614", "21612", "21408", "-108", "108"}


def lease_seconds() -> int:
    return settings.CAMPAIGN_SEND_LEASE_SECONDS


def backoff(attempts: int) -> datetime.timedelta:
    base = settings.CAMPAIGN_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return datetime.timedelta(seconds=min(base, 1800) * random.uniform(0.8, 1.2))


# --- the account lease -------------------------------------------------------------------------


def acquire(account_id: int, token: str) -> bool:
    now = timezone.now()
    stale = now - datetime.timedelta(seconds=settings.CAMPAIGN_DISPATCHER_STALE_SECONDS)
    free = Q(dispatcher="") | Q(dispatcher_seen_at__isnull=True) | Q(dispatcher_seen_at__lt=stale)
    taken = (
        ChannelAccount.objects.filter(pk=account_id)
        .filter(free)
        .update(dispatcher=token, dispatcher_seen_at=now)
    )
    return taken == 1


def last_seen(account_id: int):
    return (
        ChannelAccount.objects.filter(pk=account_id)
        .values_list("dispatcher_seen_at", flat=True)
        .first()
    )


def acquire_or_wait(account_id: int, token: str) -> bool:
    """Take the lease. If another dispatcher holds it, watch its heartbeat: one that moves is
    alive (give up); one that stays still belongs to a dead worker (take over once stale)."""
    if acquire(account_id, token):
        return True
    first = last_seen(account_id)
    deadline = time.monotonic() + settings.CAMPAIGN_DISPATCHER_STALE_SECONDS + 1
    while time.monotonic() < deadline:
        time.sleep(1)
        if acquire(account_id, token):
            return True
        if last_seen(account_id) != first:
            return False
    return acquire(account_id, token)


def heartbeat(account_id: int, token: str) -> bool:
    return (
        ChannelAccount.objects.filter(pk=account_id, dispatcher=token).update(
            dispatcher_seen_at=timezone.now()
        )
        == 1
    )


def release(account_id: int, token: str) -> None:
    ChannelAccount.objects.filter(pk=account_id, dispatcher=token).update(dispatcher="")


# --- building a channel ------------------------------------------------------------------------


def webhook_base_url() -> str:
    return (settings.CAMPAIGN_WEBHOOK_BASE_URL or settings.PUBLIC_BASE_URL).rstrip("/")


@contextlib.contextmanager
def account_row_lock(account_id: int):
    """One Zalo token refresh at a time per account, across processes and machines."""
    with transaction.atomic():
        ChannelAccount.objects.select_for_update().filter(pk=account_id).first()
        yield


def build_channel(account: ChannelAccount):
    config = account.config()
    if account.channel == "zalo_zns":

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
    if account.channel == "twilio_sms" and settings.CAMPAIGN_WEBHOOK_BASE_URL:
        config.setdefault("public_base_url", settings.CAMPAIGN_WEBHOOK_BASE_URL)
    return get_channel(account.channel, config)


def callback_url(account: ChannelAccount, row: Recipient) -> str:
    from django.urls import reverse

    if account.channel == "twilio_sms":
        path = reverse("campaigns:webhook_twilio", kwargs={"key": account.key})
        return f"{webhook_base_url()}{path}?tracking_id={row.uid.hex}"
    if account.channel == "esms":
        return webhook_base_url() + reverse("campaigns:webhook_esms", kwargs={"key": account.key})
    return ""


def outbound(account: ChannelAccount, row: Recipient) -> OutboundMessage:
    """The message for `row` on `account`: a template for Zalo, else the campaign's text."""
    campaign = row.campaign
    context = templating.MessageContext(
        full_name=row.resident.full_name if row.resident else "",
        area=row.area.name if row.area else "",
        ward=campaign.ward.name,
        link_code=row.link_code or "",
        base_url=ward_base_url(campaign.ward),
    )
    if account.uses_templates:
        data = templating.render_template_data(campaign.zalo_template_data, context)
        return OutboundMessage(
            message_id=row.uid.hex,
            phone_e164=row.phone,
            body=templating.describe_template_data(data),
            template_id=campaign.zalo_template_id,
            template_data=data,
        )
    return OutboundMessage(
        message_id=row.uid.hex,
        phone_e164=row.phone,
        body=templating.render(campaign.body, context),
        callback_url=callback_url(account, row),
    )


# --- the loop ----------------------------------------------------------------------------------


def run(account_id: int, *, budget_seconds: float | None = None) -> str:
    """Send what is due on one account until done, out of hours, out of quota or out of time."""
    token = uuid.uuid4().hex
    if not acquire_or_wait(account_id, token):
        return "busy"
    try:
        account = ChannelAccount.objects.select_related("ward").get(pk=account_id)
        try:
            channel = build_channel(account)
        except ChannelConfigError as problem:
            logger.error("channel account %s misconfigured: %s", account.pk, problem.fields)
            pause_account(account, Campaign.PauseReason.CHANNEL)
            return "misconfigured"
        with channel:
            budget = budget_seconds or settings.CAMPAIGN_DISPATCH_RUN_SECONDS
            return Dispatcher(account, channel, token).run(budget)
    finally:
        release(account_id, token)


def sending_campaigns(account: ChannelAccount):
    return Campaign.objects.filter(
        status=Campaign.Status.SENDING,
        recipients__channel_account=account,
        recipients__status__in=(R.QUEUED, R.SENDING),
    ).distinct()


def pause_account(account: ChannelAccount, reason: str, note: str = "") -> None:
    for campaign in sending_campaigns(account):
        with contextlib.suppress(services.IllegalTransition):
            services.campaign_pause(campaign=campaign, reason=reason, note=note)


def finish_campaigns(account: ChannelAccount) -> None:
    """Campaigns with nothing left to send are done (or wait for staff when some are in doubt)."""
    candidates = Campaign.objects.filter(
        status=Campaign.Status.SENDING, recipients__channel_account=account
    ).distinct()
    for campaign in candidates:
        rows = campaign.recipients
        if rows.open().exists():
            continue
        with contextlib.suppress(services.IllegalTransition):
            if rows.filter(status=R.UNKNOWN).exists():
                services.campaign_pause(campaign=campaign, reason=Campaign.PauseReason.IN_DOUBT)
            else:
                services.campaign_transition(campaign=campaign, to=Campaign.Status.DONE)


def recover_interrupted(account: ChannelAccount, channel, token: str) -> int:
    """Settle rows whose send a crash interrupted (claimed longer ago than the lease)."""
    expired = timezone.now() - datetime.timedelta(seconds=lease_seconds())
    stuck = (
        Recipient.objects.filter(channel_account=account, status=R.SENDING, claimed_at__lt=expired)
        .exclude(claim=token)
        .select_related("campaign__ward", "resident", "area")
    )
    settled = 0
    for row in stuck:
        mine = Recipient.objects.filter(pk=row.pk, status=R.SENDING, claim=row.claim)
        rule = channel.crash_recovery
        if rule == CrashRecovery.RESEND:
            settled += mine.update(status=R.QUEUED, claim="", next_attempt_at=None)
        elif rule == CrashRecovery.LOOKUP:
            message = outbound(account, row)
            message = OutboundMessage(message.message_id, message.phone_e164, row.body)
            try:
                sid = channel.find_sent(message, since=row.claimed_at)
            except ConnectionError:
                logger.warning("lookup of interrupted message %s failed; later", row.pk)
                continue
            if sid:
                settled += mine.update(
                    status=R.ACCEPTED, provider_id=sid, sent_at=row.claimed_at, claim=""
                )
            else:
                settled += mine.update(status=R.QUEUED, claim="", next_attempt_at=None)
        else:
            settled += mine.update(status=R.UNKNOWN, claim="")
    if settled:
        logger.info("account %s: settled %s interrupted messages", account.pk, settled)
    return settled


@contextlib.contextmanager
def outcome_commit():
    """The outcome of a send commits without waiting for the disk (PostgreSQL). The claim before
    the call is what must be durable; an outcome lost in a database crash leaves the row
    claimed, and recover_interrupted settles it as after a worker crash."""
    from django.db import connection

    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        yield


def sender_threads(account: ChannelAccount) -> int:
    """Senders in flight: the setting, or 8 on PostgreSQL and 1 on SQLite (one writer at a time
    there, and commits are cheap in WAL mode); never more than a tenth of the rate."""
    from django.db import connection

    wanted = settings.CAMPAIGN_SENDER_THREADS or (8 if connection.vendor == "postgresql" else 1)
    wanted = min(wanted, account.rate_per_second // 10)
    return max(1, wanted)


class Dispatcher:
    def __init__(self, account: ChannelAccount, channel, token: str):
        self.account, self.channel, self.token = account, channel, token
        self.pacer = Pacer(account.rate_per_second)
        self.deadline = 0.0
        self.stopped = ""
        self.fallback_accounts: set[int] = set()
        self.quota: int | None = account.remaining_quota
        self.quota_seen = account.quota_seen_at

    def run(self, budget: float) -> str:
        pool = SenderPool(sender_threads(self.account))
        try:
            return self._run(budget, pool)
        finally:
            pool.close()

    def _run(self, budget: float, pool: SenderPool) -> str:
        deadline = self.deadline = time.monotonic() + budget
        recover_interrupted(self.account, self.channel, self.token)
        policy = MessagingPolicy.for_ward(self.account.ward)
        result = "time"
        while time.monotonic() < deadline:
            if not heartbeat(self.account.pk, self.token):
                result = "lease lost"
                break
            if not policy.allows(timezone.now()):
                pause_account(self.account, Campaign.PauseReason.QUIET_HOURS)
                result = "quiet hours"
                break
            if self.quota is not None and self.quota <= 0 and self.quota_is_today():
                pause_account(self.account, Campaign.PauseReason.QUOTA)
                result = "quota"
                break
            batch = self.due(limit=max(int(self.account.rate_per_second), 10))
            if not batch:
                if self.wait_for_retries(deadline):
                    continue
                result = "idle"
                break
            pool.map(self.send, self.admissible(batch, policy))
            if self.stopped:
                result = self.stopped
                break
        self.save_quota()
        finish_campaigns(self.account)
        for account_id in self.fallback_accounts:
            services.enqueue_dispatch(account_id)
        if result == "time":  # more to send: hand over to a fresh task (task time limits)
            services.enqueue_dispatch(self.account.pk)
        return result

    def quota_is_today(self) -> bool:
        seen = self.quota_seen
        return seen is not None and timezone.localdate(seen) == timezone.localdate()

    def due(self, limit: int) -> list[Recipient]:
        now = timezone.now()
        return list(
            Recipient.objects.filter(
                channel_account=self.account,
                status=R.QUEUED,
                campaign__status=Campaign.Status.SENDING,
            )
            .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
            .select_related("campaign__ward", "resident", "area")
            .order_by("campaign_id", "id")[:limit]
        )

    def wait_for_retries(self, deadline: float) -> bool:
        """Sleep until the next retry when it is close; False when there is nothing to wait for."""
        upcoming = (
            Recipient.objects.filter(
                channel_account=self.account,
                status=R.QUEUED,
                campaign__status=Campaign.Status.SENDING,
                next_attempt_at__isnull=False,
            )
            .order_by("next_attempt_at")
            .values_list("next_attempt_at", flat=True)
            .first()
        )
        if upcoming is None:
            return False
        wait = (upcoming - timezone.now()).total_seconds()
        if wait > 5 or time.monotonic() + wait >= deadline:
            return False
        time.sleep(max(wait, 0) + 0.05)
        return True

    def admissible(self, batch: list[Recipient], policy: MessagingPolicy) -> list[Recipient]:
        """Skip numbers opted out and residents who reached the goal since the audience froze
        (they stay in the treated group for the uplift); defer numbers at the cap."""
        phones = {row.phone for row in batch}
        converted = self.converted_since(batch)
        opted_out = set(
            OptOut.objects.filter(ward=self.account.ward, phone__in=phones).values_list(
                "phone", flat=True
            )
        )
        saturated = audience.saturated_phones(self.account.ward, phones, policy)
        ready = []
        for row in batch:
            if row.phone in opted_out or row.resident_id in converted:
                reason = Exclusion.OPTED_OUT if row.phone in opted_out else Exclusion.CONVERTED
                Recipient.objects.filter(pk=row.pk, status=R.QUEUED).update(
                    status=R.SKIPPED, exclusion=reason
                )
            elif row.phone in saturated:
                later = timezone.now() + datetime.timedelta(hours=1)
                Recipient.objects.filter(pk=row.pk, status=R.QUEUED).update(next_attempt_at=later)
            else:
                ready.append(row)
        return ready

    @staticmethod
    def converted_since(batch: list[Recipient]) -> set[int]:
        by_goal: dict[str, list[int]] = {}
        for row in batch:
            if row.resident_id:
                by_goal.setdefault(row.campaign.goal, []).append(row.resident_id)
        converted = set()
        for goal, ids in by_goal.items():
            reached = Resident.objects.filter(pk__in=ids).filter(audience.reached_q(goal))
            converted.update(reached.values_list("pk", flat=True))
        return converted

    def send(self, row: Recipient) -> None:
        if self.stopped or time.monotonic() >= self.deadline:
            return  # stays queued for the next run
        try:
            message = outbound(self.account, row)
        except Exception:  # a template that no longer renders must not stop the others
            logger.exception("message %s could not be prepared", row.pk)
            self.fail(row, Failure.REJECTED, "render")
            return
        self.pacer.wait()
        claimed = Recipient.objects.filter(pk=row.pk, status=R.QUEUED).update(
            status=R.SENDING,
            claim=self.token,
            claimed_at=timezone.now(),
            body=message.body,
            attempts=F("attempts") + 1,
        )
        if not claimed:
            return
        row.attempts += 1
        result = self.channel.send(message)
        with outcome_commit():
            self.record(row, result)

    def mine(self, row: Recipient):
        return Recipient.objects.filter(pk=row.pk, status=R.SENDING, claim=self.token)

    def record(self, row: Recipient, result) -> None:
        now = timezone.now()
        code = result.error_code
        if result.remaining_quota is not None:
            self.quota, self.quota_seen = result.remaining_quota, now
        if result.outcome == Outcome.ACCEPTED:
            delivered = self.channel.delivers_on_accept
            done = self.mine(row).update(
                status=R.DELIVERED if delivered else R.ACCEPTED,
                provider_id=result.provider_id,
                error_code=code,
                sent_at=now,
                delivered_at=now if delivered else None,
                claim="",
            )
            if not done:  # a webhook got there first: keep its status, fill in what it lacked
                Recipient.objects.filter(pk=row.pk, sent_at__isnull=True).update(sent_at=now)
                Recipient.objects.filter(pk=row.pk, provider_id="").update(
                    provider_id=result.provider_id
                )
            return
        if code in ACCOUNT_ERRORS.get(self.account.channel, ()) or code == "token_refresh_failed":
            self.requeue(row, code)
            pause_account(self.account, Campaign.PauseReason.CHANNEL, note=code)
            self.stopped = "channel error"
        elif result.outcome == Outcome.QUOTA_EXCEEDED:
            self.requeue(row, code)
            self.quota, self.quota_seen = 0, now
            self.save_quota()
            pause_account(self.account, Campaign.PauseReason.QUOTA)
            self.stopped = "quota"
        elif result.outcome == Outcome.TRANSIENT_ERROR:
            if code in ("http_429", "20429", "14107", "63018"):
                self.pacer.hold(1.0)
            if row.attempts >= settings.CAMPAIGN_MAX_ATTEMPTS:
                self.fail(row, Failure.GAVE_UP, code)
            else:
                self.mine(row).update(
                    status=R.QUEUED,
                    error_code=code,
                    claim="",
                    next_attempt_at=now + backoff(row.attempts),
                )
        elif result.outcome == Outcome.OPTED_OUT:
            self.fail(row, Failure.OPTED_OUT, code)
            services.opt_out_record(
                ward=self.account.ward,
                phone=row.phone,
                source=OptOutSource.PROVIDER,
                campaign=row.campaign,
            )
        elif result.outcome == Outcome.NO_ACCOUNT:
            fallback = row.campaign.sms_fallback_id
            if fallback and not row.used_fallback and fallback != self.account.pk:
                self.mine(row).update(
                    status=R.QUEUED,
                    channel_account_id=fallback,
                    used_fallback=True,
                    error_code=code,
                    attempts=0,
                    next_attempt_at=None,
                    claim="",
                )
                self.fallback_accounts.add(fallback)
            else:
                self.fail(row, Failure.NO_ACCOUNT, code)
        else:
            reason = Failure.INVALID_NUMBER if code in INVALID_NUMBER_CODES else Failure.REJECTED
            self.fail(row, reason, code)

    def requeue(self, row: Recipient, code: str) -> None:
        """Back in the queue without counting the attempt (nothing was wrong with the message)."""
        self.mine(row).update(
            status=R.QUEUED, error_code=code, claim="", attempts=F("attempts") - 1
        )

    def fail(self, row: Recipient, failure: str, code: str) -> None:
        Recipient.objects.filter(pk=row.pk, status__in=(R.SENDING, R.QUEUED)).update(
            status=R.FAILED, failure=failure, error_code=code[:40], claim=""
        )

    def save_quota(self) -> None:
        if self.quota is not None:
            ChannelAccount.objects.filter(pk=self.account.pk).update(
                remaining_quota=self.quota, quota_seen_at=self.quota_seen
            )
