"""Leaders' figures: satisfaction by area, team, procedure and month, small groups hidden."""

import datetime

from django.test import Client
from django.utils import timezone

from feedback.models import Rating
from stats import feedback as figures
from wards.roles import Role


def rate(ward, area, score, n, **fields):
    Rating.objects.bulk_create(
        [
            Rating(ward=ward, kind="visit", ref=str(i), area=area, score=score, **fields)
            for i in range(n)
        ]
    )


class FakeReport:
    def __init__(self, wards):
        self.wards = wards
        self.end = timezone.localdate()
        self.start = self.end - datetime.timedelta(days=30)


def test_worst_rated_first_and_fewer_than_five_hidden(two_wards):
    w = two_wards
    rate(w.a, w.a1, 5, 6)
    rate(w.a, w.a2, 2, 5)
    rate(w.a, w.a2, 1, 1)
    rate(w.b, w.b1, 1, 3)  # another ward: not counted
    section = figures.section(FakeReport([w.a]))
    names = [row.name for row in section.by_area]
    assert names == [w.a2.name, w.a1.name]
    assert section.by_area[0].average_text == "1,8"
    assert str(section.ratings) == "12"
    low = figures.section(FakeReport([w.b]))
    assert (
        str(low.ratings) == "<5"
        and low.average_text == "<5"
        and str(low.by_area[0].ratings) == "<5"
    )


def test_the_dashboard_shows_the_section(two_wards):
    rate(two_wards.a, two_wards.a1, 2, 5)
    client = Client(HTTP_HOST="anbinh.test")
    client.force_login(two_wards.users[Role.LEADER])
    html = client.get("/thong-ke/").content.decode()
    assert "Người dân đánh giá, góp ý" in html and "Theo khu phố" in html
