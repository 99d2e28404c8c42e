"""Sending: one dispatcher per channel account, paced to the account's rate.

Exactly once per recipient. Each recipient has one row. The dispatcher claims a row (QUEUED →
SENDING, a conditional UPDATE that only one process can win) immediately before the provider
call and records the outcome right after it, so a worker killed mid-send leaves at most the
rows it had in flight in SENDING. Once such a row's claim is older than the send lease (longer
than any provider timeout, so no call can still be running), `recover_interrupted` decides per
channel (Channel.crash_recovery):
  RESEND  the provider dedups by our id, or nothing left the process: queue it again;
  LOOKUP  ask the provider for a message to that number with that body created since the
          claim; found → accepted with its id, not found → queue it again;
  HOLD    no dedup and no lookup: mark it UNKNOWN (a later receipt carrying our id settles it);
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

from campaigns import audience, services
from campaigns.channels import (
    ChannelConfigError,
    Outcome,
)
from campaigns.leases import acquire_or_wait, heartbeat, release
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
from campaigns.outbound import build_channel, outbound
from campaigns.pacing import Pacer, SenderPool
from campaigns.recovery import recover_interrupted
from wards import changes
from wards.models import Resident

logger = logging.getLogger(__name__)
R = Recipient.Status


def backoff(attempts: int) -> datetime.timedelta:
    base = settings.CAMPAIGN_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return datetime.timedelta(seconds=min(base, 1800) * random.uniform(0.8, 1.2))


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
        self.moved = False  # the batch settled a message as sent: stats' figures moved

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
            self.mark_moved()
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
                Recipient.objects.filter(pk=row.pk).skip(reason)
            elif row.phone in saturated:
                later = timezone.now() + datetime.timedelta(hours=1)
                Recipient.objects.filter(pk=row.pk).defer(later)
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
            message = outbound(self.account, row, self.channel)
        except Exception:  # a template that no longer renders must not stop the others
            logger.exception("message %s could not be prepared", row.pk)
            Recipient.objects.filter(pk=row.pk, status=R.QUEUED).fail(Failure.REJECTED, "render")
            return
        self.pacer.wait()
        if not self.mine(row).claim(self.token, body=message.body):
            return
        row.attempts += 1
        result = self.channel.send(message)
        with outcome_commit():
            self.record(row, result)

    @staticmethod
    def mine(row: Recipient):
        return Recipient.objects.filter(pk=row.pk)

    def record(self, row: Recipient, result) -> None:
        now = timezone.now()
        code = result.error_code
        if result.remaining_quota is not None:
            self.quota, self.quota_seen = result.remaining_quota, now
        if result.outcome == Outcome.ACCEPTED:
            delivered = self.channel.delivers_on_accept
            done = self.mine(row).settle(
                self.token,
                R.DELIVERED if delivered else R.ACCEPTED,
                provider_id=result.provider_id,
                error_code=code,
                sent_at=now,
                delivered_at=now if delivered else None,
            )
            self.moved = self.moved or bool(done)
            if not done:  # a webhook got there first: keep its status, fill in what it lacked
                Recipient.objects.filter(pk=row.pk, sent_at__isnull=True).update(sent_at=now)
                Recipient.objects.filter(pk=row.pk, provider_id="").update(
                    provider_id=result.provider_id
                )
            return
        kind = self.account.channel_class
        if code in kind.account_error_codes:
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
            if code in kind.rate_limit_codes:
                self.pacer.hold(1.0)
            if row.attempts >= settings.CAMPAIGN_MAX_ATTEMPTS:
                self.fail(row, Failure.GAVE_UP, code)
            else:
                self.mine(row).requeue(
                    self.token, error_code=code, next_attempt_at=now + backoff(row.attempts)
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
                self.mine(row).requeue(
                    self.token,
                    channel_account_id=fallback,
                    used_fallback=True,
                    error_code=code,
                    attempts=0,
                    next_attempt_at=None,
                )
                self.fallback_accounts.add(fallback)
            else:
                self.fail(row, Failure.NO_ACCOUNT, code)
        else:
            invalid = code in kind.invalid_number_codes
            reason = Failure.INVALID_NUMBER if invalid else Failure.REJECTED
            self.fail(row, reason, code)

    def mark_moved(self) -> None:
        """One change mark per batch, committed after the batch's outcomes (a mark before them
        could be read, and consumed, before the figures move)."""
        if self.moved:
            changes.record(ward_ids=[self.account.ward_id], part=changes.Part.CAMPAIGNS)
            self.moved = False

    def requeue(self, row: Recipient, code: str) -> None:
        """Back in the queue without counting the attempt (nothing was wrong with the message)."""
        self.mine(row).requeue(self.token, error_code=code, attempts=F("attempts") - 1)

    def fail(self, row: Recipient, failure: str, code: str) -> None:
        self.mine(row).fail(failure, code, self.token)

    def save_quota(self) -> None:
        if self.quota is not None:
            ChannelAccount.objects.filter(pk=self.account.pk).update(
                remaining_quota=self.quota, quota_seen_at=self.quota_seen
            )
