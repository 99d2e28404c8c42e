"""The anonymous learner behind a request: a random id in a long-lived HttpOnly cookie.

Reading a page never creates a learner (pages stay cheap and cacheable); the first progress
a phone sends does, and the answer carries the cookie.
"""

import uuid

from django.utils import timezone

from learning.models import Learner, LessonProgress
from wards.models import Ward

COOKIE_NAME = "hoc_id"
COOKIE_MAX_AGE = 2 * 365 * 24 * 3600


def _cookie_id(request) -> uuid.UUID | None:
    raw = request.COOKIES.get(COOKIE_NAME, "")
    try:
        return uuid.UUID(raw) if raw else None
    except ValueError:
        return None


def current_learner(request) -> Learner | None:
    """The learner named by the cookie, if the server knows it (read once per request)."""
    if not hasattr(request, "_learner"):
        learner_id = _cookie_id(request)
        request._learner = Learner.objects.filter(pk=learner_id).first() if learner_id else None
    return request._learner


def ensure_learner(request) -> Learner:
    learner = current_learner(request)
    now = timezone.now()
    if learner is None:
        learner = Learner.objects.create(ward=Ward.for_request(request), last_seen_at=now)
        request._learner = learner
    elif (now - learner.last_seen_at).total_seconds() > 3600:
        Learner.objects.filter(pk=learner.pk).update(last_seen_at=now)
    return learner


def remember(request, response, learner: Learner):
    response.set_cookie(
        COOKIE_NAME,
        str(learner.pk),
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response


def progress_by_lesson(request, lessons=None) -> dict:
    """{lesson id: LessonProgress} for the current learner (optionally only these lessons)."""
    learner_id = _cookie_id(request)
    if learner_id is None:
        return {}
    rows = LessonProgress.objects.filter(learner_id=learner_id)
    if lessons is not None:
        rows = rows.filter(lesson__in=[lesson.pk for lesson in lessons])
    return {row.lesson_id: row for row in rows}
