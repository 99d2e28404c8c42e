"""Messages to citizens go through the campaigns' notice service, which applies quiet hours,
per-recipient caps and opt-outs, and picks Zalo ZNS or SMS."""

from django.urls import reverse
from django.utils.translation import gettext as _

from feedback import tokens
from qr.shortlinks import short_link_base

# Notice statuses that mean the message will never go: the number opted out, or is invalid.
REFUSED = {"suppressed", "failed"}


def send(
    *, ward, phone, text, reason, dedup_key, resident=None, template_id="", template_data=None
):
    from campaigns.notices import notice_send

    return notice_send(
        ward=ward,
        phone=phone,
        text=text,
        reason=reason,
        dedup_key=dedup_key,
        resident=resident,
        template_id=template_id,
        template_data=template_data,
    )


def rating_link(ward, request_id: int) -> str:
    path = reverse("feedback:rate", args=[tokens.make(request_id)])
    return f"{short_link_base(ward)}{path}"


def rating_text(ward, link: str) -> str:
    return _("%(ward)s cảm ơn bạn. Mời bạn đánh giá lần phục vụ vừa rồi: %(link)s") % {
        "ward": ward.name,
        "link": link,
    }


def answer_text(ward, petition) -> str:
    return _("%(ward)s trả lời góp ý #%(number)s của bạn: %(answer)s") % {
        "ward": ward.name,
        "number": petition.pk,
        "answer": petition.answer,
    }
