"""The lists read a fixed number of queries however many requests there are (a guard against
N+1 reads; the speed itself is measured in bench/bench_homeservice.py)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from homeservice.models import ServiceRequest, Vulnerability
from tests import factories
from tests.homeservice.conftest import signed_in


def _fill(hs, count: int) -> None:
    """`count` open requests in area A1, each for its own household, a third of them marked
    vulnerable, half assigned to the member, some overdue."""
    today = timezone.localdate()
    households = [factories.household(hs.a1) for _ in range(count)]
    ServiceRequest.objects.bulk_create(
        ServiceRequest(
            ward=hs.a,
            area=hs.a1,
            household=household,
            procedure=hs.procedure,
            source="field_visit",
            consent=True,
            assignee=hs.member if n % 2 else None,
            status="scheduled" if n % 5 == 0 else "requested",
            due_on=today + datetime.timedelta(days=(n % 9) - 4),
        )
        for n, household in enumerate(households)
    )
    Vulnerability.objects.bulk_create(
        Vulnerability(ward=hs.a, household=h, kind="elderly_alone", consent=True)
        for h in households[::3]
    )


def _queries(client, url) -> tuple[int, bytes]:
    client.get(url)  # sessions, caches and the like settle first
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content


@pytest.mark.parametrize(
    "who, url",
    [
        ("member", "/doi/viec-nho/"),
        ("leader", "/doi/viec-nho/bang/"),
        ("officer", "/admin/phuc-vu-tai-nha/"),
        ("officer", "/admin/phuc-vu-tai-nha/?status=open&overdue=on"),
    ],
)
def test_the_lists_read_as_many_queries_for_100_requests_as_for_10(hs, who, url):
    client = signed_in(getattr(hs, who))
    _fill(hs, 10)
    few, page = _queries(client, url)
    assert page.count(b"data-vulnerable") or b"homeservice-board" in page
    _fill(hs, 90)
    many, page = _queries(client, url)
    assert many == few, f"{few} queries for 10 requests, {many} for 100"
    assert "Quá hạn".encode() in page


def test_the_board_pages_overdue_first_and_every_request_is_on_some_page(hs):
    _fill(hs, 130)  # two pages of 100
    client = signed_in(hs.leader)
    first = client.get("/doi/viec-nho/bang/").content.decode()
    second = client.get("/doi/viec-nho/bang/?trang=2").content.decode()
    assert "Trang 1 / 2" in first and "Trang 2 / 2" in second
    overdue = ServiceRequest.objects.filter(due_on__lt=timezone.localdate()).count()
    assert first.count("card--late") == min(overdue, 100)
    links = [f"/doi/viec-nho/{pk}/" for pk in ServiceRequest.objects.values_list("pk", flat=True)]
    assert all((link in first) != (link in second) for link in links)
    for crafted in ("xyz", "²", "٣", "-1", "9" * 40):  # "²" passes str.isdigit, not int()
        assert client.get("/doi/viec-nho/bang/", {"trang": crafted}).status_code == 200
    assert "Trang 2 / 2" in client.get("/doi/viec-nho/bang/?trang=99").content.decode()
