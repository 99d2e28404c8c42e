"""Messages to the resident at "scheduled" and "result delivered", through campaigns' notice service.

campaigns never imports this app; its notice service applies quiet hours, caps and opt-outs.
"""

import logging

from django.core.exceptions import ValidationError
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


def resident_notice(*, request, step: str) -> None:
    """Send (through the campaigns' queue) the message for `step`, once per request and step."""
    phone = phone_of(request)
    if not phone:
        return
    key = f"homeservice:{request.pk}:{step}"
    if step == Status.SCHEDULED:
        key += f":{request.appointment_at:%Y%m%d%H%M}"
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
