from collections.abc import Sequence
from types import SimpleNamespace

import pytest

from tests import factories
from wards.roles import Role


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _vietnamese_first():
    """Each test starts in the site's language: a request in English (Accept-Language, the
    language cookie) leaves English active in the thread after it, as Django does."""
    from django.utils import translation

    translation.activate("vi")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def two_wards(db):
    """Two wards with two areas each, a household and a resident per area, and a user per role.

    `w.users[role]` works in ward A; team roles are assigned to area A1 only.
    """
    ward_a = factories.ward(name="Phường An Bình", hostname="anbinh.test")
    ward_b = factories.ward(name="Phường Bến Nghé", hostname="benghe.test")
    a1, a2 = factories.area(ward_a, "a1"), factories.area(ward_a, "a2")
    b1 = factories.area(ward_b, "b1")
    households = {}
    residents = {}
    for area in (a1, a2, b1):
        households[area.code] = factories.household(area, phone="+84912000001")
        residents[area.code] = factories.resident(
            households[area.code], full_name=f"Cư Dân {area.code.upper()}", phone="+84912000002"
        )
    users = {}
    for role in Role:
        ward = None if role == Role.PROVINCE_ADMIN else ward_a
        areas = [a1] if role in (Role.TEAM_LEADER, Role.TEAM_MEMBER) else []
        users[role] = factories.user(f"u_{role}", ward=ward, role=role, areas=areas)
    users["outsider"] = factories.user("u_outsider", ward=ward_b, role=Role.WARD_ADMIN)
    return SimpleNamespace(
        a=ward_a,
        b=ward_b,
        a1=a1,
        a2=a2,
        b1=b1,
        households=households,
        residents=residents,
        users=users,
    )


def pytest_terminal_summary(terminalreporter):
    from tests.hostile import tally

    if tally["tried"]:
        terminalreporter.write_line(
            f"hostile inputs tried: {tally['tried']}, answered 5xx: {tally['5xx']}"
        )


class StoredNotices(Sequence):
    """The notices campaigns' notice service has stored, oldest first, as dicts: read from the
    database each time, so a test sees what was really handed over (and when)."""

    FIELDS = ("phone", "text", "dedup_key", "reason", "template_id", "template_data", "status")

    def _rows(self) -> list[dict]:
        from campaigns.models import Notice

        return list(Notice.objects.order_by("pk").values(*self.FIELDS))

    def __getitem__(self, index):
        return self._rows()[index]

    def __len__(self) -> int:
        return len(self._rows())

    def __eq__(self, other) -> bool:
        return self._rows() == list(other)


@pytest.fixture
def notices(db) -> StoredNotices:
    return StoredNotices()
