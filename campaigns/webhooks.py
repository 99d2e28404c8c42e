"""Provider callbacks under /webhooks/<channel>/<key>/: CSRF-exempt, each checked by the channel's
own signature or token check (`parse_callback`, `parse_inbound`).

An unknown account, a missing or wrong signature and a wrong token all answer 403 (the same
answer, so the endpoints reveal nothing). Applying a receipt twice changes nothing.
"""

import hashlib
import json
import logging
import threading
import time

from django.http import (
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseNotAllowed,
)
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from campaigns import outbound
from campaigns.channels import ForgedCallback, MalformedCallback, channel_for_slug
from campaigns.delivery import delivery_apply
from campaigns.inbox.receiving import inbound_receive, sender_aliases_learn
from campaigns.models import ChannelAccount
from campaigns.notices import notice_apply_receipt

logger = logging.getLogger(__name__)

_channels: dict[tuple[int, str], object] = {}
_channels_lock = threading.Lock()


def _channel(account: ChannelAccount):
    """A built channel per account and settings, reused across requests in this process."""
    fingerprint = hashlib.sha256(
        json.dumps(account.config(), sort_keys=True, default=str).encode()
    ).hexdigest()
    key = (account.pk, fingerprint)
    with _channels_lock:
        channel = _channels.get(key)
    if channel is None:
        channel = outbound.build_channel(account)
        with _channels_lock:
            for old in [k for k in _channels if k[0] == account.pk]:
                _channels.pop(old).close()
            _channels[key] = channel
    return channel


_accounts: dict[str, tuple[float, ChannelAccount]] = {}
ACCOUNT_CACHE_SECONDS = 30


def _account(key: str, channel: str) -> ChannelAccount | None:
    """The active account named in the URL, cached for a few seconds (callbacks come in bursts
    of hundreds a second; a changed secret or a switched-off account applies within 30 s)."""
    now = time.monotonic()
    cached = _accounts.get(key)
    if cached is None or cached[0] < now:
        account = (
            ChannelAccount.objects.select_related("ward")
            .filter(key=key, is_active=True)
            .order_by()
            .first()
        )
        if account is None:  # unknown keys are not remembered (anyone can make them up)
            return None
        cached = _accounts[key] = (now + ACCOUNT_CACHE_SECONDS, account)
    account = cached[1]
    return account if account.channel == channel else None


def _account_for(slug: str, key: str):
    channel_key = channel_for_slug(slug)
    return _account(key, channel_key) if channel_key else None


@csrf_exempt
def receipts(request, channel, key):
    """Delivery receipts for one account: /webhooks/<channel>/<key>/."""
    account = _account_for(channel, key)
    if account is None:
        return HttpResponseForbidden()
    if request.method not in account.channel_class.callback_methods:
        return HttpResponseNotAllowed(account.channel_class.callback_methods)
    built = _channel(account)
    try:
        updates = built.parse_callback(request)
        replies = built.parse_inbound(request) if built.replies_on_receipt_url else []
    except ForgedCallback as problem:
        logger.warning("refused %s callback for account %s: %s", channel, account.pk, problem)
        return HttpResponseForbidden()
    except MalformedCallback as problem:
        logger.warning("malformed %s callback for account %s: %s", channel, account.pk, problem)
        return HttpResponseBadRequest("Sự kiện không hợp lệ.", content_type="text/plain")
    for update in delivery_apply(account=account, updates=updates):
        notice_apply_receipt(account=account, update=update)
    if any(update.recipient_ref for update in updates):  # Zalo: learn whose id it is
        sender_aliases_learn(account=account, updates=updates)
    _replies_apply(account, replies)
    return HttpResponse("OK", content_type="text/plain")


@csrf_exempt
@require_http_methods(["POST"])
def inbound(request, channel, key):
    """Residents' replies: kept for the inbox and queued for their keyword to act (opt-out,
    opt-in, help) or, with none, for the help text once a day."""
    account = _account_for(channel, key)
    if account is None or not account.channel_class.receives_replies:
        return HttpResponseForbidden()
    built = _channel(account)
    try:
        replies = built.parse_inbound(request)
    except ForgedCallback:
        return HttpResponseForbidden()
    except MalformedCallback as problem:
        logger.warning("malformed %s reply for account %s: %s", channel, account.pk, problem)
        return HttpResponseBadRequest("Tin đến không hợp lệ.", content_type="text/plain")
    _replies_apply(account, replies)
    body, content_type = built.inbound_reply()
    return HttpResponse(body, content_type=content_type)


def _replies_apply(account: ChannelAccount, replies) -> None:
    # Stored here, acted on in a task (campaigns.inbox.acting): the provider is answered as soon
    # as the reply is kept, and a retried webhook stores and queues nothing the second time.
    for reply in replies:
        inbound_receive(account=account, reply=reply)
