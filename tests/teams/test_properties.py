"""Property-based tests over the sync API and every field form: whatever is typed or sent, the
answer is never a 5xx, and a refusal writes nothing.

Each test prints how many inputs it tried (pytest -s shows them)."""

import datetime
import json
import uuid

from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from teams.models import FieldRecord, FollowUp, Visit
from tests.teams.conftest import record, signed_in
from wards.models import Household, Resident

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Values a hostile or broken phone might put in any field.
WILD = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**80), max_value=2**80),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=60),
    st.sampled_from(["1e5000", "9999-12-31", "0001-01-01", "2026-02-30", "\x00", "=1+1", "’"]),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)
VISIT_FIELDS = [
    "household_id",
    "household_uuid",
    "visited_at",
    "outcome",
    "attendees",
    "follow_up_on",
    "follow_up_reason",
    "notes",
    "latitude",
    "longitude",
    "gps_accuracy_m",
]
ATTENDEE_FIELDS = ["resident_id", "new_full_name", "new_birth_year", "new_phone", "actions"]


def counts():
    return (
        Visit.objects.count(),
        Resident.objects.count(),
        Household.objects.count(),
        FollowUp.objects.count(),
        FieldRecord.objects.count(),
    )


class Tried:
    def __init__(self, name):
        self.name, self.n = name, 0

    def __del__(self):
        print(f"{self.name}: {self.n} inputs tried")


def test_the_sync_api_never_fails_and_a_refused_record_writes_nothing(teams):
    client = signed_in(teams.member)
    tried = Tried("sync API visit records")

    @SETTINGS
    @given(
        fields=st.dictionaries(st.sampled_from(VISIT_FIELDS), WILD, max_size=4),
        attendee=st.dictionaries(st.sampled_from(ATTENDEE_FIELDS), WILD, max_size=3),
    )
    def run(fields, attendee):
        tried.n += 1
        cache.clear()  # the rate limits would otherwise answer 429 before the checks run
        data = record(teams.household, outcome="nobody_home")
        data.update(fields)
        if attendee:
            data["attendees"] = [attendee]
        good = record(teams.household, outcome="nobody_home")
        before = counts()
        response = client.post(
            "/api/doi/sync",
            json.dumps({"records": [data, good]}, default=str),
            content_type="application/json",
        )
        assert response.status_code < 500
        if response.status_code != 200:
            return
        results = response.json()["results"]
        assert results[1]["status"] == "created"
        if results[0]["status"] != "created":
            assert counts()[0] == before[0] + 1  # only the good one
            assert counts()[1:] == before[1:]

    run()


def test_household_and_person_records_never_fail_and_refusals_write_nothing(teams):
    client = signed_in(teams.member)
    tried = Tried("sync API household / person records")
    keys = ["area", "address", "head_name", "phone", "size", "full_name", "birth_year"]

    @SETTINGS
    @given(
        kind=st.sampled_from(["household", "resident", "visit", "nothing", None]),
        household_id=WILD,
        fields=st.dictionaries(st.sampled_from(keys), WILD, max_size=5),
    )
    def run(kind, household_id, fields):
        tried.n += 1
        cache.clear()  # the rate limits would otherwise answer 429 before the checks run
        data = {"kind": kind, "client_uuid": str(uuid.uuid4()), "fields": fields}
        data["household_id"] = household_id
        before = counts()
        response = client.post(
            "/api/doi/sync",
            json.dumps({"records": [data]}, default=str),
            content_type="application/json",
        )
        assert response.status_code < 500
        if response.status_code == 200:
            if response.json()["results"][0]["status"] not in ("created", "duplicate"):
                assert counts() == before

    run()


def test_every_field_form_never_fails_and_a_refusal_writes_nothing(teams):
    client = signed_in(teams.member)
    tried = Tried("field forms")
    text = st.one_of(st.text(max_size=40), st.sampled_from(["1e5000", "\x00", "0912345678"]))
    forms = {
        "/doi/ho/them/": ["area", "address", "head_name", "phone", "size", "confirm_new"],
        f"/doi/ho/{teams.household.pk}/them-nguoi/": ["full_name", "birth_year", "phone"],
        f"/doi/ho/{teams.household.pk}/": [
            "outcome",
            "present",
            "new_full_name",
            "new_birth_year",
            "new_phone",
            "follow_up_on",
            "follow_up_reason",
            "notes",
            "visited_at",
            "latitude",
        ],
    }

    @SETTINGS
    @given(
        path=st.sampled_from(sorted(forms)),
        values=st.dictionaries(
            st.sampled_from(sorted({k for v in forms.values() for k in v})), text
        ),
    )
    def run(path, values):
        tried.n += 1
        cache.clear()  # the rate limits would otherwise answer 429 before the checks run
        values.setdefault("client_uuid", str(uuid.uuid4()))
        before = counts()
        response = client.post(path, values)
        assert response.status_code < 500
        if response.status_code == 400:
            assert counts() == before

    run()


def test_the_leader_page_and_export_never_fail_on_crafted_dates(teams):
    client = signed_in(teams.leader)
    tried = Tried("leader week / export dates")

    @SETTINGS
    @given(
        week=st.one_of(st.text(max_size=20), st.dates().map(datetime.date.isoformat)),
        start=st.one_of(st.text(max_size=12), st.dates().map(datetime.date.isoformat)),
        end=st.dates().map(datetime.date.isoformat),
        file_format=st.sampled_from(["csv", "xlsx", "pdf", ""]),
    )
    def run(week, start, end, file_format):
        tried.n += 1
        cache.clear()  # the rate limits would otherwise answer 429 before the checks run
        assert client.get("/doi/to-truong/", {"tuan": week}).status_code < 500
        response = client.get(
            "/doi/to-truong/xuat/", {"start": start, "end": end, "file_format": file_format}
        )
        assert response.status_code < 500

    run()
