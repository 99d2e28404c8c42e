"""Provider callbacks under /webhooks/: CSRF-exempt, each checked by the channel's signature or token.

An unknown account, a missing or wrong signature and a wrong token all answer 403 (the same
answer, so the endpoints reveal nothing). Applying a receipt twice changes nothing.
"""

import hashlib
import json
import logging
import threading
import time

from django.http import HttpResponse, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from campaigns import dispatch, services
from campaigns.channels import ForgedCallback
from campaigns.delivery import delivery_apply, keyword_action
from campaigns.models import ChannelAccount, OptOutSource, Recipient
from campaigns.notices import notice_apply_receipt
from wards.phones import InvalidPhone, normalise_phone

logger = logging.getLogger(__name__)

_channels: dict[tuple[int, str], object] = {}
_channels_lock = threading.Lock()
TWIML_EMPTY = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


def _channel(account: ChannelAccount):
    """A built channel per account and settings, reused across requests in this process."""
    fingerprint = hashlib.sha256(
        json.dumps(account.config(), sort_keys=True, default=str).encode()
    ).hexdigest()
    key = (account.pk, fingerprint)
    with _channels_lock:
        channel = _channels.get(key)
    if channel is None:
        channel = dispatch.build_channel(account)
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


def _receipts(request, key: str, channel_key: str):
    account = _account(key, channel_key)
    if account is None:
        return HttpResponseForbidden()
    try:
        updates = _channel(account).parse_callback(request)
    except ForgedCallback as problem:
        logger.warning("refused %s callback for account %s: %s", channel_key, account.pk, problem)
        return HttpResponseForbidden()
    for update in updates:
        if not delivery_apply(account=account, update=update):
            notice_apply_receipt(account=account, update=update)
    return HttpResponse("OK", content_type="text/plain")


@csrf_exempt
@require_http_methods(["POST"])
def twilio_status(request, key):
    return _receipts(request, key, "twilio_sms")


@csrf_exempt
@require_http_methods(["POST"])
def zalo_events(request, key):
    return _receipts(request, key, "zalo_zns")


@csrf_exempt
@require_http_methods(["GET"])
def esms_report(request, key):
    return _receipts(request, key, "esms")


@csrf_exempt
@require_http_methods(["POST"])
def twilio_inbound(request, key):
    """A resident's SMS reply: opt-out and opt-in keywords feed the ward's suppression list."""
    account = _account(key, "twilio_sms")
    if account is None:
        return HttpResponseForbidden()
    channel = _channel(account)
    signature = request.headers.get("X-Twilio-Signature", "")
    if not signature or not channel.validator.validate(
        channel.public_url(request), request.POST, signature
    ):
        return HttpResponseForbidden()
    action = keyword_action(request.POST.get("Body", ""))
    try:
        phone = normalise_phone(request.POST.get("From", ""))
    except InvalidPhone:
        action = None
    if action:
        last = (
            Recipient.objects.filter(campaign__ward=account.ward, phone=phone)
            .exclude(sent_at=None)
            .order_by("-sent_at")
            .select_related("campaign")
            .first()
        )
        record = services.opt_out_record if action == "out" else services.opt_in_record
        record(
            ward=account.ward,
            phone=phone,
            source=OptOutSource.KEYWORD,
            campaign=last.campaign if last else None,
        )
    return HttpResponse(TWIML_EMPTY, content_type="text/xml")
