"""Demo: one team for Khu phố 1–3 (totruong leads, tovien walks kp1 and kp2), a few weeks of visits
and some return visits due and overdue. Idempotent: a second load changes nothing."""

import datetime
import random
import uuid

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from teams.models import Action, Team, TeamMember, Visit
from teams.records import check_visit
from teams.schemas import AttendeeIn, VisitRecord
from teams.services import team_create, team_member_add, visit_record
from wards.models import Area, Household, Vneid

TEAM_NAME = "Tổ công nghệ số Khu phố 1–3"
VISITS = 36
DAYS = 27
REASONS = [
    "Hẹn quay lại kích hoạt VNeID mức 2 khi có điện thoại",
    "Con cháu về sẽ giúp tạo tài khoản dịch vụ công",
    "Chờ có giấy tờ để nộp hồ sơ trực tuyến",
    "Hướng dẫn lại cách thanh toán trên điện thoại",
]
NOTES = ["", "", "Bác lớn tuổi, nói chậm, in chữ to.", "Gia đình đi làm, nên đến buổi tối."]


def _actions_for(resident, rng) -> list[str]:
    """What a member would plausibly do with this person, given what they still lack."""
    actions = []
    if resident.vneid == Vneid.NONE:
        actions.append(Action.INSTALLED_VNEID)
    elif resident.vneid != Vneid.LEVEL2_ACTIVATED and rng.random() < 0.7:
        actions.append(Action.ACTIVATED_LEVEL2)
    if not resident.has_public_service_account and rng.random() < 0.5:
        actions.append(Action.PUBLIC_SERVICE_ACCOUNT)
    if not resident.uses_cashless and rng.random() < 0.3:
        actions.append(Action.CASHLESS)
    if rng.random() < 0.4:
        actions.append(Action.SCAM_WARNING)
    return actions


def _record(rng, household, day: datetime.date, follow_up: bool) -> VisitRecord:
    moment = timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(8 + rng.randrange(10), rng.randrange(60)))
    )
    adults = [
        r for r in household.residents.all() if r.birth_year and day.year - r.birth_year >= 18
    ]
    roll = rng.random()
    if roll < 0.12 or not adults:
        outcome, attendees = Visit.Outcome.NOBODY_HOME, []
    elif roll < 0.18:
        outcome = Visit.Outcome.REFUSED
        attendees = [AttendeeIn(resident_id=adults[0].pk)]
    else:
        met = rng.sample(adults, k=min(len(adults), rng.choice([1, 1, 2])))
        attendees = [AttendeeIn(resident_id=r.pk, actions=_actions_for(r, rng)) for r in met]
        outcome = Visit.Outcome.PARTLY if follow_up else Visit.Outcome.DONE
    return VisitRecord(
        client_uuid=uuid.UUID(int=rng.getrandbits(128), version=4),
        household_id=household.pk,
        visited_at=moment,
        outcome=outcome,
        attendees=attendees,
        follow_up_on=day + datetime.timedelta(days=7) if follow_up else None,
        follow_up_reason=rng.choice(REASONS) if follow_up else "",
        notes=rng.choice(NOTES),
    )


def _visits(places: list[TeamMember], today: datetime.date) -> None:
    rng = random.Random(2026)
    for number in range(VISITS):
        place = places[0] if number % 3 == 0 else places[-1]
        households = list(
            Household.objects.filter(area__in=place.areas.all())
            .prefetch_related("residents")
            .order_by("code")
        )
        if not households:
            continue
        day = today - datetime.timedelta(days=DAYS - (number * DAYS) // VISITS)
        # Every fourth visit promises a return a week later: overdue early on, due soon lately.
        record = _record(rng, rng.choice(households), day, follow_up=number % 4 == 1)
        visit_record(member=place.user, draft=check_visit(member=place.user, record=record))
    # And, for certain, two promises overdue and two due this week in the member's areas, at
    # households nobody has visited yet (so no later visit has kept them).
    member = places[-1]
    fresh = (
        Household.objects.filter(area__in=member.areas.all(), visits__isnull=True)
        .prefetch_related("residents")
        .order_by("code")
    )
    for household, (ago, due_in) in zip(fresh, [(12, -5), (9, -2), (2, 1), (1, 4)], strict=False):
        day = today - datetime.timedelta(days=ago)
        record = _record(rng, household, day, follow_up=True)
        record.follow_up_on = today + datetime.timedelta(days=due_in)
        visit_record(member=member.user, draft=check_visit(member=member.user, record=record))


@transaction.atomic
def load(ward) -> None:
    User = get_user_model()
    leader = User.objects.filter(username="totruong").first()
    member = User.objects.filter(username="tovien").first()
    areas = {area.code: area for area in Area.objects.filter(ward=ward)}
    if not (leader and member and {"kp1", "kp2", "kp3"} <= areas.keys()):
        return
    # Pages and exports show members by their full names.
    for user, name in ((leader, "Nguyễn Thị Hương"), (member, "Trần Minh Khoa")):
        if not user.get_full_name():
            user.first_name = name
            user.save(update_fields=["first_name"])
    team = Team.objects.filter(ward=ward, name=TEAM_NAME).first()
    if team is None:
        team = team_create(
            ward=ward, name=TEAM_NAME, areas=[areas["kp1"], areas["kp2"], areas["kp3"]]
        )
    places = [
        TeamMember.objects.filter(team=team, user=leader).first()
        or team_member_add(team=team, user=leader, role=TeamMember.Role.LEADER),
        TeamMember.objects.filter(team=team, user=member).first()
        or team_member_add(
            team=team, user=member, role=TeamMember.Role.MEMBER, areas=[areas["kp1"], areas["kp2"]]
        ),
    ]
    if not Visit.objects.filter(team=team).exists():
        _visits(places, timezone.localdate())
