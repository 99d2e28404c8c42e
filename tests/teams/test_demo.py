"""The teams demo on a small ward: one team, weeks of visits, follow-ups due and overdue; idempotent."""

from django.utils import timezone

from teams import demo
from teams.models import FollowUp, Team, TeamMember, Visit
from tests import factories
from wards.generate import generate_people
from wards.models import AdoptionEvent, AuditEntry, Household
from wards.roles import Role


def test_demo_team_visits_and_follow_ups(db):
    ward = factories.ward()
    areas = [
        factories.area(ward, code, f"Khu phố {code[-1]}") for code in ("kp1", "kp2", "kp3", "kp4")
    ]
    generate_people(
        ward=ward, areas=areas, households_per_area=10, seed=7, today=timezone.localdate()
    )
    leader = factories.user("totruong", ward=ward, role=Role.TEAM_LEADER, areas=areas[:3])
    member = factories.user("tovien", ward=ward, role=Role.TEAM_MEMBER, areas=areas[:2])

    demo.load(ward)
    team = Team.objects.get(ward=ward)
    assert team.name == "Tổ công nghệ số Khu phố 1–3"
    assert {p.user.username: p.role for p in team.members.all()} == {
        "totruong": TeamMember.Role.LEADER,
        "tovien": TeamMember.Role.MEMBER,
    }
    member.__dict__.pop("_ward_memberships", None)
    assert {h.area.code for h in Household.objects.for_user(member)} == {"kp1", "kp2"}
    visits = Visit.objects.filter(team=team)
    assert demo.VISITS < visits.count() <= demo.VISITS + 4
    assert not visits.filter(area__code="kp4").exists()
    assert {v.member for v in visits} == {leader, member}
    assert AdoptionEvent.objects.filter(source_ref__startswith="visit:").exists()
    today = timezone.localdate()
    open_ones = FollowUp.objects.open()
    walked_by_both = open_ones.filter(household__area__code__in=["kp1", "kp2"])
    assert walked_by_both.filter(due_on__lt=today).count() >= 2  # overdue
    assert walked_by_both.filter(due_on__gte=today).count() >= 2  # due soon

    before = (Visit.objects.count(), TeamMember.objects.count(), AuditEntry.objects.count())
    demo.load(ward)
    assert (Visit.objects.count(), TeamMember.objects.count(), AuditEntry.objects.count()) == before
