"""A figure means one thing: the ward's coverage on the ward's page is the number the province
page shows for that ward, and every coverage cell says what it counts."""

import datetime

from stats import rollups
from tests.stats.conftest import person, visit
from tests.stats.test_sections import dashboard_for


def test_ward_coverage_is_the_same_on_the_ward_and_the_province_page(client, dashboard, team_a):
    homes = [person(dashboard.a1, f"Chủ Hộ {i}").household for i in range(5)]
    for home in homes:
        visit(home, dashboard.today, team=team_a)
    rollups.rollup_dirty()

    ward_page = dashboard_for(client, dashboard.leader)
    section = ward_page.context["report"].sections["teams"]
    (team_row,) = section.rows
    total = section.ward_total
    assert team_row.coverage.whole.value < total.coverage.whole.value  # the team's areas only
    html = ward_page.content.decode()
    assert "hộ trong khu phố của tổ" in html and "Cả phường" in html

    province = dashboard_for(client, dashboard.province)
    rows = {r.name: r for r in province.context["report"].sections["teams"].rows}
    ward_row = rows[dashboard.a.name]
    assert str(ward_row.coverage) == str(total.coverage)
    assert ward_row.visits == total.visits == 5
    assert "mọi hộ của phường" in province.content.decode()


def test_demo_milestones_credited_to_teams_have_visits_behind_them(db):
    from django.utils import timezone

    from tests import factories
    from wards.generate import generate_people
    from wards.models import AdoptionEvent, EventSource

    ward = factories.ward()
    areas = [factories.area(ward, "kp1"), factories.area(ward, "kp2")]
    generate_people(
        ward=ward, areas=areas, households_per_area=20, seed=3, today=timezone.localdate()
    )
    assert AdoptionEvent.objects.exists()
    assert not AdoptionEvent.objects.filter(source=EventSource.VISIT).exists()


def test_the_demo_has_at_least_three_wards_for_the_province_ranking(db, settings):
    from home import demo
    from wards.models import Ward

    settings.DEMO_HOUSEHOLDS_PER_AREA = 2
    today = datetime.date.today()
    demo.create_ward(today)
    demo.load_neighbours(today)
    demo.load_neighbours(today)  # idempotent
    assert Ward.objects.count() == 3
