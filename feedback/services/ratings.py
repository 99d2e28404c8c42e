"""Writing ratings: scheduling the requests, sending them when due, recording the answers."""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from feedback import notify
from feedback.models import Category, FeedbackSettings, Petition, Rating, RatingRequest
from wards import changes
from wards.models import Ward
from wards.served import Served

logger = logging.getLogger(__name__)

RATING_CATEGORY = _("Đánh giá dịch vụ")


class RatingRefused(Exception):
    """A rating that cannot be taken; the message is for the citizen."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message, self.status = message, status


def _settings(ward) -> FeedbackSettings:
    return FeedbackSettings.for_site(ward.site)


def rating_requests_schedule(*, services: list[Served], now=None) -> int:
    """Ask for a rating after each served event that has a phone and was not closed by the system.

    Once per event: a second announcement of the same (kind, ref) changes nothing.
    Returns how many events were eligible (already scheduled ones included).
    """
    now = now or timezone.now()
    eligible = [s for s in services if s.phone and not s.by_system]
    if not eligible:
        return 0
    ward_settings = {
        ward.pk: _settings(ward)
        for ward in Ward.objects.filter(pk__in={s.ward_id for s in eligible}).select_related("site")
    }
    rows = []
    for served in eligible:
        setup = ward_settings.get(served.ward_id)
        if setup is None:
            continue
        rows.append(
            RatingRequest(
                ward_id=served.ward_id,
                kind=served.kind,
                ref=str(served.ref)[:40],
                phone=served.phone,
                resident_id=served.resident_id,
                area_id=served.area_id,
                team_id=served.team_id,
                procedure_id=served.procedure_id,
                created_at=now,
                due_at=now + datetime.timedelta(minutes=setup.delay_minutes),
                expires_at=now + datetime.timedelta(days=setup.token_days),
            )
        )
    with transaction.atomic():
        RatingRequest.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
        changes.record(ward_ids=[r.ward_id for r in rows], part=changes.Part.FEEDBACK)
    return len(rows)


def _skip(request: RatingRequest, reason: str) -> None:
    RatingRequest.objects.filter(pk=request.pk, status=RatingRequest.Status.WAITING).update(
        status=RatingRequest.Status.SKIPPED, skip_reason=reason[:120]
    )


def rating_request_send(*, request: RatingRequest, now=None) -> bool:
    """Hand one due request to the notice service; the notice service applies quiet hours and
    opt-outs and refuses a second copy of the same dedup key. True when handed over."""
    now = now or timezone.now()
    if request.expires_at <= now:
        _skip(request, "expired")
        return False
    ward = request.ward
    link = notify.rating_link(ward, request.pk)
    setup = _settings(ward)
    try:
        notice = notify.send(
            ward=ward,
            phone=request.phone,
            text=notify.rating_text(ward, link),
            reason="feedback_rating",
            dedup_key=f"feedback-rating-{request.pk}",
            resident=request.resident,
            template_id=setup.zalo_rating_template,
            template_data={"ward_name": ward.name, "rating_url": link}
            if setup.zalo_rating_template
            else None,
        )
    except (ValueError, ValidationError) as error:  # refused by the notice service
        _skip(request, str(error))
        return False
    refused = getattr(notice, "status", "") in notify.REFUSED
    if refused:  # opted out, or a number no channel can reach: never sent
        _skip(request, f"notice {notice.status}")
        return False
    RatingRequest.objects.filter(pk=request.pk, status=RatingRequest.Status.WAITING).update(
        status=RatingRequest.Status.SENT, sent_at=now
    )
    return True


def rating_requests_send_due(*, now=None, limit: int = 500) -> int:
    """Send the requests whose delay has passed; a failure of one never stops the others."""
    now = now or timezone.now()
    sent = 0
    due = RatingRequest.objects.due(now).select_related("ward__site", "resident").order_by("due_at")
    for request in due[:limit]:
        try:
            sent += rating_request_send(request=request, now=now)
        except Exception:  # noqa: BLE001 - the next minute retries; log without the phone
            logger.exception("rating request %s could not be sent", request.pk)
    return sent


def _rating_category(ward) -> Category:
    category = Category.objects.filter(ward=ward, for_ratings=True).first()
    if category is None:
        category, _created = Category.objects.get_or_create(
            ward=ward,
            name=str(RATING_CATEGORY),
            defaults={"for_ratings": True, "sla_days": 7, "position": 99},
        )
    return category


def _petition_from(rating: Rating, phone: str) -> Petition:
    category = _rating_category(rating.ward)
    return Petition.objects.create(
        ward=rating.ward,
        source=Petition.Source.RATING,
        category=category,
        area=rating.area,
        text=rating.comment,
        phone=phone,
        rating=rating,
        created_at=rating.created_at,
        due_at=Petition.due_for(category, rating.created_at),
    )


def rating_submit(
    *,
    ward,
    score: int,
    comment: str = "",
    caring: str = "",
    done: str = "",
    request: RatingRequest | None = None,
    kind: str = "",
    ref: str = "",
    procedure_id: int | None = None,
) -> Rating:
    """Record an answer. Through a token link, one answer per request; a comment goes to the
    staff inbox (with the phone the request was sent to, so the answer can be sent back)."""
    now = timezone.now()
    with transaction.atomic():
        if request is not None:
            request = RatingRequest.objects.select_for_update().get(pk=request.pk)
            if request.status == RatingRequest.Status.ANSWERED or hasattr(request, "rating"):
                raise RatingRefused(_("Đường dẫn này đã được dùng để đánh giá. Cảm ơn bạn!"), 409)
            if request.expires_at <= now:
                raise RatingRefused(_("Đường dẫn đánh giá đã hết hạn."), 410)
            kind, ref, procedure_id = request.kind, request.ref, request.procedure_id
        try:
            rating = Rating.objects.create(
                ward=ward,
                request=request,
                kind=kind,
                ref=ref,
                area_id=request.area_id if request else None,
                team_id=request.team_id if request else None,
                procedure_id=procedure_id,
                score=score,
                caring=caring,
                done=done,
                comment=comment,
                created_at=now,
            )
        except IntegrityError:
            raise RatingRefused(
                _("Đường dẫn này đã được dùng để đánh giá. Cảm ơn bạn!"), 409
            ) from None
        if request is not None:
            RatingRequest.objects.filter(pk=request.pk).update(status=RatingRequest.Status.ANSWERED)
        if comment:
            _petition_from(rating, request.phone if request else "")
        changes.record(ward_ids=[ward.pk], part=changes.Part.FEEDBACK)
    return rating
