"""Who a campaign targets, who is excluded and why, and who is held out."""

import datetime

import pytest
from django.db.models import Count

from campaigns import audience, services
from campaigns.models import Campaign, Exclusion, OptOut, Recipient
from tests.campaigns.conftest import campaign, person
from wards.models import Milestone

pytestmark = pytest.mark.django_db
GOAL = Milestone.VNEID_LEVEL2_ACTIVATED


def spec(world, **kwargs):
    return audience.AudienceSpec(ward=world.a, goal=GOAL, **kwargs)


def test_each_exclusion_reason_is_counted(world):
    a1 = world.a1
    # The two_wards residents share one number: the second is a duplicate.
    person(a1, "Đã Kích Hoạt", reached=[Milestone.VNEID_LEVEL2_ACTIVATED])
    person(a1, "Không Đồng Ý", consent=False)
    person(a1, "Không Có Số", phone="")
    person(a1, "Số Sai", phone="0123")
    opted = person(a1, "Đã Từ Chối")
    OptOut.objects.create(ward=world.a, phone=opted.phone, source="staff")
    person(a1, "Người Nhận")

    result = audience.resolve(spec(world), world.comms)

    assert result.targeted == 8
    assert result.excluded == {
        Exclusion.CONVERTED: 1,
        Exclusion.NO_CONSENT: 1,
        Exclusion.NO_PHONE: 1,
        Exclusion.INVALID_PHONE: 1,
        Exclusion.OPTED_OUT: 1,
        Exclusion.DUPLICATE_PHONE: 1,
    }
    assert result.eligible == 2


def test_residents_over_the_per_recipient_cap_are_excluded(world):
    busy = person(world.a1, "Nhận Nhiều")
    first = campaign(world.a, world.console, world.comms, areas=[world.a1])
    for _ in range(3):
        Recipient.objects.create(
            campaign=first,
            resident=None,
            phone=busy.phone,
            status=Recipient.Status.DELIVERED,
            sent_at=datetime.datetime.now(datetime.UTC),
        )
    result = audience.resolve(spec(world, area_ids=[world.a1.pk]), world.comms)
    assert result.excluded[Exclusion.OVER_CAP] == 1


def test_filters_by_area_age_and_milestones(world):
    person(world.a1, "Trẻ", birth_year=datetime.date.today().year - 20)
    person(world.a1, "Già", birth_year=1950)
    person(world.a2, "Khu Khác", birth_year=1950)
    person(world.a1, "Có Mức 1", birth_year=1950, reached=[Milestone.VNEID_LEVEL1])
    person(world.a1, "Có Mức 2", birth_year=1950, reached=[Milestone.VNEID_LEVEL2_ISSUED])

    def names(**kwargs):
        ids = audience.targeted_residents(spec(world, **kwargs), world.comms)
        return sorted(ids.values_list("full_name", flat=True))

    only_a1_over_60 = names(area_ids=[world.a1.pk], min_age=60)
    assert "Trẻ" not in only_a1_over_60 and "Khu Khác" not in only_a1_over_60
    assert "Già" in only_a1_over_60
    assert names(area_ids=[world.a1.pk], max_age=30) == ["Trẻ"]
    without_level2 = names(area_ids=[world.a1.pk], lacks=Milestone.VNEID_LEVEL2_ISSUED)
    assert "Có Mức 2" not in without_level2 and "Có Mức 1" in without_level2
    assert names(area_ids=[world.a1.pk], requires=Milestone.VNEID_LEVEL1) == [
        "Có Mức 1",
        "Có Mức 2",
    ]


def test_audience_is_read_within_the_users_scope(world):
    person(world.a1, "Người Phường A")
    outsider = world.users["outsider"]  # ward admin of the other ward
    assert audience.resolve(spec(world), outsider).targeted == 0
    team_member = world.users["team_member"]  # area a1 only
    assert all(
        c.area_id == world.a1.pk for c in audience.resolve(spec(world), team_member).candidates
    )


def test_holdout_is_random_but_reproducible_and_close_to_the_share():
    held = [audience.in_holdout(7, resident, 10) for resident in range(20000)]
    assert held == [audience.in_holdout(7, resident, 10) for resident in range(20000)]
    assert 0.09 < sum(held) / len(held) < 0.11
    other_campaign = [audience.in_holdout(8, resident, 10) for resident in range(20000)]
    assert held != other_campaign
    assert not any(audience.in_holdout(7, r, 0) for r in range(1000))


def test_freezing_writes_a_row_per_targeted_resident_with_its_group(world):
    for n in range(30):
        person(world.a1, f"Người {n}")
    person(world.a1, "Không Đồng Ý", consent=False)
    built = campaign(world.a, world.console, world.comms, areas=[world.a1], holdout_percent=20)
    services.campaign_submit(campaign=built, by=world.comms)

    rows = Recipient.objects.filter(campaign=built)
    assert rows.count() == 32  # 31 people + the fixture's resident of a1
    by_status = dict(rows.values_list("status").annotate(n=Count("id")))
    held = by_status.get(Recipient.Status.HOLDOUT, 0)
    assert 1 <= held <= 15
    assert by_status[Recipient.Status.EXCLUDED] == 1
    expected = {
        r.resident_id
        for r in rows
        if r.status != Recipient.Status.EXCLUDED
        and audience.in_holdout(built.pk, r.resident_id, 20)
    }
    assert set(rows.filter(status="holdout").values_list("resident_id", flat=True)) == expected
    codes = [c for c in rows.values_list("link_code", flat=True) if c]
    assert len(codes) == len(set(codes)) == rows.treatment().count()
    assert built.status in (Campaign.Status.SCHEDULED, Campaign.Status.SENDING)


def test_phone_numbers_are_validated_as_vietnamese_mobiles():
    assert audience.valid_phone("+84912345678") == "+84912345678"
    assert audience.valid_phone("0912 345 678") == "+84912345678"
    assert audience.valid_phone("+84212345678") == ""  # not a mobile prefix
    assert audience.valid_phone("01234567890") == ""  # old 11-digit number
