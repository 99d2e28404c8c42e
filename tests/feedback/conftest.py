import datetime

import pytest
from django.utils import timezone

from feedback.models import Category, FeedbackSettings, RatingRequest
from tests.learning.conftest import lessons  # noqa: F401 - fixtures, reused
from tests.qr.conftest import catalogue  # noqa: F401
from tests.teams.conftest import record, teams  # noqa: F401
from wards.served import Served


@pytest.fixture
def outbox(notices):
    """Every message feedback handed to the campaigns' notice service (the stored notices)."""
    return notices


@pytest.fixture
def ward_a(two_wards):
    setup = FeedbackSettings.for_site(two_wards.a.site)
    setup.delay_minutes = 0
    setup.save()
    return two_wards.a


@pytest.fixture
def category(ward_a):
    return Category.objects.create(ward=ward_a, name="Vệ sinh môi trường", sla_days=5)


def served(ward, **fields) -> Served:
    values = {"ward_id": ward.pk, "kind": "visit", "ref": "1", "phone": "+84912000002"}
    values.update(fields)
    return Served(**values)


def rating_request(ward, *, ref="1", expires_in=datetime.timedelta(days=14), **fields):
    now = timezone.now()
    values = {
        "ward": ward,
        "kind": "visit",
        "ref": ref,
        "phone": "+84912000002",
        "due_at": now,
        "expires_at": now + expires_in,
        "status": RatingRequest.Status.SENT,
    }
    values.update(fields)
    return RatingRequest.objects.create(**values)


__all__ = ["record", "served", "rating_request"]
