"""The province report is built once and shared, and never hides a rebuild, a target or an
imported figure behind the cache."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from stats import rollups
from stats.services import target_set
from tests.stats.conftest import reach
from wards.models import Milestone


@pytest.fixture
def cached(settings):
    settings.PROVINCE_REPORT_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def province_page(client, dashboard, **params):
    client.force_login(dashboard.province)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("stats:dashboard"), params)
    rollup_reads = [q for q in queries.captured_queries if "stats_adoption" in q["sql"]]
    return response, len(rollup_reads)


def ward_a_share(response, dashboard) -> str:
    row = next(r for r in response.context["report"].units if r.name == dashboard.a.name)
    return str(row.cells[0].share)


def test_a_second_province_admin_gets_the_report_without_reading_the_rollups(
    client, dashboard, cached
):
    first, first_reads = province_page(client, dashboard)
    again, again_reads = province_page(client, dashboard)
    assert first_reads > 0 and again_reads == 0
    assert ward_a_share(again, dashboard) == ward_a_share(first, dashboard) == "40,0 %"
    other_range, other_reads = province_page(client, dashboard, sap_xep="name")
    assert other_reads > 0  # another choice of the filters is another report


def test_a_rebuild_shows_on_the_next_request(client, dashboard, cached):
    province_page(client, dashboard)
    newcomer = dashboard.residents["a2"]
    reach(newcomer, Milestone.VNEID_LEVEL2_ACTIVATED, dashboard.today)
    stale, _reads = province_page(client, dashboard)
    assert ward_a_share(stale, dashboard) == "40,0 %"  # not rebuilt yet: the roll-ups say 10/25
    rollups.rollup_all()
    fresh, reads = province_page(client, dashboard)
    assert reads > 0 and ward_a_share(fresh, dashboard) == "44,0 %"


def test_a_target_set_shows_at_once(client, dashboard, cached):
    before, _reads = province_page(client, dashboard)
    row = next(r for r in before.context["report"].units if r.name == dashboard.a.name)
    assert row.cells[0].target is None
    target_set(ward=dashboard.a, vneid_level2=35)
    after, _reads = province_page(client, dashboard)
    row = next(r for r in after.context["report"].units if r.name == dashboard.a.name)
    assert row.cells[0].target == 35 and row.cells[0].reached_target


def test_each_language_has_its_own_report(client, dashboard, cached):
    province_page(client, dashboard)
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        english, reads = province_page(client, dashboard)
    assert reads > 0
    assert english.context["report"].title == "Whole province"
