"""The home-service demo: an officer login, vulnerable households, requests at each step; idempotent."""

from django.utils import timezone

from homeservice import demo
from homeservice.models import ServiceRequest, Vulnerability
from qr.models import Procedure
from tests import factories
from wards.generate import generate_people
from wards.roles import Role


def test_demo_requests_and_officer(db, sent):
    ward = factories.ward()
    areas = [factories.area(ward, code, f"Khu phố {code[-1]}") for code in ("kp1", "kp2", "kp3")]
    generate_people(
        ward=ward, areas=areas, households_per_area=5, seed=3, today=timezone.localdate()
    )
    factories.user("tovien", ward=ward, role=Role.TEAM_MEMBER, areas=areas[:2])
    factories.user("totruong", ward=ward, role=Role.TEAM_LEADER, areas=areas)
    Procedure.objects.create(
        ward=ward,
        code="1.001193",
        name="Đăng ký khai sinh",
        field="Hộ tịch",
        documents="Tờ khai\nGiấy chứng sinh",
    )
    demo.load(ward)
    demo.load(ward)
    requests = ServiceRequest.objects.filter(ward=ward)
    assert requests.count() == 5
    assert Vulnerability.objects.filter(ward=ward).count() == 5
    assert set(requests.values_list("status", flat=True)) == {
        "requested",
        "scheduled",
        "documents_taken",
        "submitted",
    }
    overdue = ServiceRequest.objects.urgent_first().filter(ward=ward).first()
    assert overdue.overdue == 1
    from django.contrib.auth import get_user_model

    officer = get_user_model().objects.get(username="motcua")
    assert ServiceRequest.objects.for_user(officer).count() == 5


def test_load_demo_lists_the_one_stop_officer_with_the_other_logins(db):
    """load_demo prints home.demo.LOGINS; the officer is among them and gets the ward's role."""
    from home import demo as home_demo
    from wards import scoping

    ward = factories.ward()
    home_demo.ensure_logins(ward)
    assert "motcua" in [username for username, *_rest in home_demo.LOGINS]
    from django.contrib.auth import get_user_model

    officer = get_user_model().objects.get(username="motcua")
    assert officer.check_password(home_demo.PASSWORD)
    assert Role.ONE_STOP in scoping.roles(officer)
