"""A recipient's status has one home: the QuerySet's named moves and the one allowed-from map."""

import pathlib
import re

import pytest

from campaigns import services
from campaigns.models import Recipient
from campaigns.models.receipts import ALLOWED_FROM
from tests.campaigns.conftest import campaign, person

pytestmark = pytest.mark.django_db
R = Recipient.Status
APP = pathlib.Path(__file__).resolve().parents[2] / "campaigns"


@pytest.fixture
def row(world):
    resident = person(world.a1, "Người Nhận")
    built = campaign(world.a, world.console, world.comms, areas=[world.a1])
    services.campaign_submit(campaign=built, by=world.comms)
    return Recipient.objects.filter(campaign=built, resident=resident)


def status(rows):
    return rows.get().status


def test_a_claim_is_won_once(row):
    assert row.claim("one", body="x") == 1
    assert row.claim("two", body="x") == 0
    assert (row.get().claim, row.get().attempts) == ("one", 1)


def test_only_the_claim_holder_settles(row):
    row.claim("one", body="x")
    assert row.settle("other", R.ACCEPTED, provider_id="p") == 0
    assert row.settle("one", R.ACCEPTED, provider_id="p") == 1
    assert (status(row), row.get().claim) == (R.ACCEPTED, "")


def test_a_queued_row_cannot_jump_to_delivered_or_be_settled(row):
    assert row.settle(None, R.ACCEPTED) == 0
    assert row.move(R.DELIVERED) == 0
    assert status(row) == R.QUEUED


def test_a_requeue_releases_the_claim(row):
    row.claim("one", body="x")
    assert row.requeue("one", error_code="http_429") == 1
    assert (status(row), row.get().claim) == (R.QUEUED, "")


def test_skipping_touches_only_queued_rows(row):
    row.claim("one", body="x")
    assert row.skip("opted_out") == 0
    row.settle("one", R.ACCEPTED)
    assert row.skip("opted_out") == 0 and status(row) == R.ACCEPTED


def test_fail_keeps_a_delivered_row(row):
    row.claim("one", body="x")
    row.settle("one", R.DELIVERED)
    assert row.fail("rejected", "x") == 0 and status(row) == R.DELIVERED


def test_every_status_in_the_map_is_a_recipient_status():
    names = set(R.values)
    for to, sources in ALLOWED_FROM.items():
        assert to in names and set(sources) <= names


def test_no_status_is_written_outside_the_queryset():
    pattern = re.compile(r"update\([^)]*\bstatus=R(ecipient\.Status)?\.")
    offenders = [
        f"{path.relative_to(APP)}"
        for path in APP.rglob("*.py")
        if not path.relative_to(APP).as_posix().startswith(("migrations/", "demo.py"))
        and pattern.search(path.read_text().replace("\n", " "))
    ]
    assert offenders == []
