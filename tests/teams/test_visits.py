"""Saving a visit: AdoptionEvents through the wards service, statuses, follow-ups, the rules."""

import datetime
import uuid

import pytest
from django.utils import timezone

from teams.models import FollowUp, Visit, VisitResident
from teams.records import VisitRefused, check_visit, parse_record
from teams.services import visit_record
from tests import factories
from tests.teams.conftest import record
from wards.models import AdoptionEvent, AuditEntry, EventSource, Milestone, Resident, Vneid


def save(member, data):
    draft = check_visit(member=member, record=parse_record(data))
    return visit_record(member=member, draft=draft)


def test_a_visit_records_verified_events_and_the_status_follows(teams):
    resident = teams.resident
    data = record(
        teams.household,
        attendees=[
            {
                "resident_id": resident.pk,
                "actions": ["activated_level2", "submitted_online", "scam_warning"],
                "procedure": "Đăng ký khai sinh",
            }
        ],
    )
    visit, created = save(teams.member, data)
    assert created and visit.team == teams.team and visit.area == teams.a1
    events = AdoptionEvent.objects.filter(resident=resident)
    assert {e.milestone for e in events} == {
        Milestone.VNEID_LEVEL2_ACTIVATED,
        Milestone.ONLINE_SUBMISSION,
    }
    assert all(e.source == EventSource.VISIT and e.verified for e in events)
    assert {e.source_ref for e in events} == {f"visit:{data['client_uuid']}"}
    assert {e.recorded_by for e in events} == {teams.member}
    resident.refresh_from_db()
    assert resident.vneid == Vneid.LEVEL2_ACTIVATED
    assert resident.has_submitted_online
    attendee = VisitResident.objects.get(visit=visit)
    assert "Nộp hồ sơ trực tuyến: Đăng ký khai sinh" in attendee.action_labels()
    audit = AuditEntry.objects.get(object_type="visit", object_id=str(visit.pk))
    assert audit.actor == teams.member and audit.action == AuditEntry.Action.CREATE


def test_the_same_uuid_twice_makes_one_visit(teams):
    data = record(
        teams.household, attendees=[{"resident_id": teams.resident.pk, "actions": ["cashless"]}]
    )
    first, created = save(teams.member, data)
    again, created_again = save(teams.member, data)
    assert created and not created_again and first.pk == again.pk
    assert Visit.objects.count() == 1
    assert AdoptionEvent.objects.filter(source_ref=f"visit:{data['client_uuid']}").count() == 1


def test_two_members_on_one_resident_append_and_nothing_is_overwritten(teams):
    """The rule: each visit keeps its events; status is derived from all of them, so a later
    sync of an older, smaller step never lowers what another member recorded."""
    resident = teams.resident
    helper = factories.user("u_helper")
    from teams.models import TeamMember
    from teams.services import team_member_add

    team_member_add(team=teams.team, user=helper, role=TeamMember.Role.MEMBER)
    now = timezone.now()
    save(
        teams.member,
        record(
            teams.household,
            visited_at=(now - datetime.timedelta(hours=1)).isoformat(),
            attendees=[{"resident_id": resident.pk, "actions": ["activated_level2"]}],
        ),
    )
    # The helper's phone was offline since yesterday; its visit arrives second.
    save(
        helper,
        record(
            teams.household,
            visited_at=(now - datetime.timedelta(days=1)).isoformat(),
            attendees=[
                {
                    "resident_id": resident.pk,
                    "actions": ["installed_vneid", "public_service_account"],
                }
            ],
        ),
    )
    resident.refresh_from_db()
    assert resident.vneid == Vneid.LEVEL2_ACTIVATED  # not lowered to level 1
    assert resident.has_public_service_account  # the helper's step is added
    assert Visit.objects.filter(household=teams.household).count() == 2
    assert AdoptionEvent.objects.filter(resident=resident, source=EventSource.VISIT).count() == 3


def test_a_person_met_for_the_first_time_is_added_to_the_household(teams):
    data = record(
        teams.household,
        attendees=[
            {"new_full_name": "Lê Thị Hoà", "new_birth_year": 1950, "actions": ["installed_vneid"]}
        ],
    )
    visit, _ = save(teams.member, data)
    person = Resident.objects.get(household=teams.household, full_name="Lê Thị Hoà")
    assert person.vneid == Vneid.LEVEL1
    assert VisitResident.objects.get(visit=visit, resident=person).met_first_time
    assert AuditEntry.objects.filter(object_type="resident", object_id=str(person.pk)).exists()
    # Typed again with the other tone placement, it is the same person, not a second one.
    save(teams.member, record(teams.household, attendees=[{"new_full_name": "lê thị hòa"}]))
    assert Resident.objects.filter(household=teams.household, name_key=person.name_key).count() == 1


def test_follow_ups_are_promised_and_closed_by_the_next_visit_that_meets_someone(teams):
    today = timezone.localdate()
    first, _ = save(
        teams.member,
        record(
            teams.household,
            visited_at=(timezone.now() - datetime.timedelta(days=3)).isoformat(),
            outcome="partly",
            attendees=[{"resident_id": teams.resident.pk, "actions": ["installed_vneid"]}],
            follow_up_on=(today + datetime.timedelta(days=2)).isoformat(),
            follow_up_reason="Kích hoạt mức 2",
        ),
    )
    follow_up = FollowUp.objects.get(visit=first)
    assert follow_up.status == FollowUp.Status.OPEN and follow_up.assigned_to == teams.member
    save(teams.member, record(teams.household, outcome="nobody_home"))
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUp.Status.OPEN  # nobody home: still to do
    second, _ = save(
        teams.member,
        record(teams.household, attendees=[{"resident_id": teams.resident.pk}]),
    )
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUp.Status.DONE and follow_up.closed_by == second


def test_a_late_sync_of_a_promise_already_kept_arrives_closed(teams):
    now = timezone.now()
    later, _ = save(
        teams.member, record(teams.household, attendees=[{"resident_id": teams.resident.pk}])
    )
    earlier, _ = save(
        teams.member,
        record(
            teams.household,
            visited_at=(now - datetime.timedelta(days=2)).isoformat(),
            outcome="refused",
            attendees=[{"resident_id": teams.resident.pk}],
            follow_up_on=timezone.localdate().isoformat(),
            follow_up_reason="Thử lại",
        ),
    )
    assert FollowUp.objects.get(visit=earlier).closed_by == later


@pytest.mark.parametrize(
    ("fields", "key", "message"),
    [
        ({"outcome": "done", "attendees": []}, "attendees", "ít nhất một người"),
        ({"outcome": "nobody_home", "attendees": "RESIDENT"}, "attendees", "Không có ai ở nhà"),
        ({"follow_up_on": "2020-01-01", "follow_up_reason": "x"}, "follow_up_on", "từ ngày thăm"),
        ({"follow_up_on": "TODAY"}, "follow_up_reason", "lý do"),
        ({"follow_up_reason": "quay lại"}, "follow_up_on", "chọn ngày"),
        ({"visited_at": "2099-01-01T08:00:00+07:00"}, "visited_at", "tương lai"),
        ({"visited_at": "2020-01-01T08:00:00+07:00"}, "visited_at", "quá 60 ngày"),
        ({"latitude": 16.05}, "latitude", "kinh độ"),
        (
            {"attendees": [{"resident_id": "RID", "actions": ["submitted_online"]}]},
            "attendees.0.procedure",
            "tên thủ tục",
        ),
        (
            {"attendees": [{"resident_id": "RID", "actions": ["other"]}]},
            "attendees.0.other",
            "việc khác",
        ),
        (
            {"attendees": [{"new_full_name": "Ai Đó", "new_phone": "0123"}]},
            "attendees.0.new_phone",
            "không hợp lệ",
        ),
        ({"outcome": "maybe"}, "outcome", "kết quả"),
        ({"client_uuid": "not-a-uuid"}, "client_uuid", "mã bản ghi"),
    ],
)
def test_rules_refuse_with_a_vietnamese_reason(teams, fields, key, message):
    rid = teams.resident.pk
    if fields.get("attendees") == "RESIDENT":
        fields["attendees"] = [{"resident_id": rid}]
    for attendee in (
        fields.get("attendees", []) if isinstance(fields.get("attendees"), list) else []
    ):
        if attendee.get("resident_id") == "RID":
            attendee["resident_id"] = rid
    if fields.get("follow_up_on") == "TODAY":
        fields["follow_up_on"] = timezone.localdate().isoformat()
    base = {"attendees": [{"resident_id": rid}]}
    with pytest.raises(VisitRefused) as refusal:
        save(teams.member, record(teams.household, **{**base, **fields}))
    assert key in refusal.value.errors
    assert (
        message.lower() in (refusal.value.reason + " ".join(refusal.value.errors.values())).lower()
    )
    assert not Visit.objects.exists()


def test_a_resident_of_another_household_is_refused(teams):
    other = factories.household(teams.a1)
    stranger = factories.resident(other)
    with pytest.raises(VisitRefused) as refusal:
        save(teams.member, record(teams.household, attendees=[{"resident_id": stranger.pk}]))
    assert "không có trong hộ" in refusal.value.errors["attendees.0.resident_id"]


def test_a_household_outside_the_members_areas_is_refused(teams):
    with pytest.raises(VisitRefused) as refusal:
        save(teams.member, record(teams.households["a2"], outcome="nobody_home"))
    assert "không thuộc các khu phố bạn phụ trách" in refusal.value.reason
    assert not Visit.objects.exists()


def test_refused_outcome_records_no_events(teams):
    with pytest.raises(VisitRefused):
        save(
            teams.member,
            record(
                teams.household,
                outcome="refused",
                attendees=[{"resident_id": teams.resident.pk, "actions": ["cashless"]}],
            ),
        )
    visit, _ = save(
        teams.member,
        record(teams.household, outcome="refused", attendees=[{"resident_id": teams.resident.pk}]),
    )
    assert not AdoptionEvent.objects.filter(source_ref=visit.source_ref).exists()


def test_visit_uuid_is_the_source_ref(teams):
    value = uuid.uuid4()
    visit, _ = save(
        teams.member, record(teams.household, client_uuid=str(value), outcome="nobody_home")
    )
    assert visit.source_ref == f"visit:{value}"
