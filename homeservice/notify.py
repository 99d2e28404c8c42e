"""Messages to the resident at "scheduled" and "result delivered", through campaigns' notice service.

campaigns never imports this app; its notice service applies quiet hours, caps and opt-outs.
"""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from homeservice.lifecycle import Status

logger = logging.getLogger(__name__)


def phone_of(request) -> str:
    if request.contact_phone:
        return request.contact_phone
    if request.resident_id and request.resident.phone:
        return request.resident.phone
    if request.household_id and request.household.phone:
        return request.household.phone
    return ""


def _text(request, step: str) -> str:
    what = request.title
    if step == Status.SCHEDULED:
        return _(
            "%(ward)s: tổ công nghệ số hẹn đến nhà lúc %(time)s để giúp việc “%(what)s”. "
            "Xin chuẩn bị giấy tờ cần thiết."
        ) % {
            "ward": request.ward.name,
            "time": timezone.localtime(request.appointment_at).strftime("%H:%M %d/%m"),
            "what": what[:60],
        }
    return _(
        "%(ward)s: hồ sơ “%(what)s” (mã %(number)s) đã có kết quả và đã được trao tận nhà. "
        "Cảm ơn bà con."
    ) % {"ward": request.ward.name, "what": what[:60], "number": request.dossier_number}


def notice_key(request, step: str) -> str:
    """One message per request and step (and per appointment: a new time is a new message)."""
    key = f"homeservice:{request.pk}:{step}"
    if step == Status.SCHEDULED:
        # In UTC: the time read back from the database must give the key the step gave.
        key += f":{request.appointment_at.astimezone(datetime.UTC):%Y%m%d%H%M}"
    return key


def later(items: list) -> None:
    """Hand the steps' messages to one background task once the transaction commits."""
    if not items:
        return
    batch = [list(item) for item in items]

    def enqueue():
        from django_q.tasks import async_task

        async_task("homeservice.tasks.resident_notices", batch, group="homeservice")

    transaction.on_commit(enqueue)


def resident_notices_send(items: list) -> None:
    """Each [request_id, step, key]: the message as the request stands, unless the step it was
    for has been overtaken (a new appointment has its own key, sent by its own step)."""
    from homeservice.models import ServiceRequest

    ids = {int(request_id) for request_id, _step, _key in items}
    requests = ServiceRequest.objects.select_related(
        "ward", "resident", "household", "procedure"
    ).in_bulk(ids)
    for request_id, step, key in items:
        request = requests.get(int(request_id))
        if request is None or notice_key(request, step) != key:
            continue
        if step == Status.DELIVERED and request.delivered_at is None:
            continue
        resident_notice(request=request, step=step)


def resident_notice(*, request, step: str) -> None:
    """Send (through the campaigns' queue) the message for `step`, once per request and step."""
    phone = phone_of(request)
    if not phone:
        return
    key = notice_key(request, step)
    try:
        _notice_send(
            ward=request.ward,
            phone=phone,
            text=_text(request, step),
            reason="home_service",
            dedup_key=key,
            resident=request.resident,
        )
    except ValidationError:
        # The step stands; the message could not be queued (no SMS account, a bad number).
        logger.warning("no notice queued for home-service request %s (%s)", request.pk, step)


def _notice_send(**kwargs):
    from campaigns.notices import notice_send

    return notice_send(**kwargs)
