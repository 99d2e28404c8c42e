"""Leaders see counts of home service only, hidden under 5, and they move as requests are served."""

import datetime

from django.utils import timezone

from homeservice.services import request_advance, vulnerability_record
from stats import homeservice as figures_module
from tests import factories
from tests.homeservice.conftest import new_request, signed_in, soon
from wards.models import Milestone
from wards.roles import Role
from wards.services import adoption_event_record


def serve(hs, request, dossier="D-1"):
    request, _ = request_advance(
        request=request, to="scheduled", by=hs.member, appointment_at=soon()
    )
    request, _ = request_advance(request=request, to="visited", by=hs.member)
    request, _ = request_advance(
        request=request, to="documents_taken", by=hs.member, documents_taken=["Giấy chứng sinh"]
    )
    request, _ = request_advance(
        request=request, to="submitted", by=hs.officer, dossier_number=dossier
    )
    request, _ = request_advance(request=request, to="delivered", by=hs.member)
    return request


def many_served(hs, count):
    households = []
    for _ in range(count):
        household = factories.household(hs.a1)
        resident = factories.resident(household, full_name="Người Già", phone="")
        vulnerability_record(household=household, kind="elderly_alone", consent=True, by=hs.member)
        households.append((household, resident))
    return [
        serve(hs, new_request(hs, household=h, resident=r), dossier=f"D-{h.pk}")
        for h, r in households
    ]


def current(hs):
    today = timezone.localdate()
    return figures_module.figures(wards=[hs.a], start=today.replace(day=1), end=today)


def test_small_counts_are_hidden(hs):
    serve(hs, new_request(hs))
    figures = current(hs)
    assert str(figures.vulnerable) == "<5" and str(figures.served) == "<5"
    assert figures.median_days == "<5"


def test_counts_move_as_requests_are_served(hs):
    served = many_served(hs, 5)
    extra = factories.household(hs.a1)
    vulnerability_record(household=extra, kind="disability", consent=True, by=hs.member)
    figures = current(hs)
    assert figures.vulnerable.value == 6
    assert (figures.served.part.value, figures.served.whole.value) == (5, 6)
    assert str(figures.within_sla) == "100,0 %"
    assert figures.median_days == "0,0"
    assert figures.later_on_own.value == 0
    for request in served:
        adoption_event_record(
            resident=request.resident,
            milestone=Milestone.ONLINE_SUBMISSION,
            occurred_on=timezone.localdate() + datetime.timedelta(days=1),
            source="self_report",
            verified=False,
        )
    assert current(hs).later_on_own.value == 5


def test_the_leaders_dashboard_shows_counts_and_no_names(hs):
    many_served(hs, 5)
    page = signed_in(hs.users[Role.LEADER]).get("/thong-ke/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "Phục vụ tại nhà" in body and 'data-figure="served"' in body
    assert "Người Già" not in body and "Cư Dân A1" not in body
