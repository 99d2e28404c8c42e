"""Ward admins set up teams in the Wagtail admin; members' areas follow through the services."""

from django.urls import reverse

from teams.models import Team, TeamMember
from tests import factories
from tests.teams.conftest import signed_in
from wards.models import AuditEntry, Household
from wards.roles import Role


def test_a_ward_admin_creates_a_team_and_adds_a_member_who_then_sees_its_area(teams):
    client = signed_in(teams.users[Role.WARD_ADMIN])
    response = client.post(
        reverse("team_admin:add"),
        {"ward": teams.a.pk, "name": "Tổ công nghệ số mới", "areas": [teams.a2.pk]},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    team = Team.objects.get(name="Tổ công nghệ số mới")
    newcomer = factories.user("u_newcomer")
    response = client.post(
        reverse("team_member_admin:add"),
        {"team": team.pk, "user": newcomer.pk, "role": TeamMember.Role.MEMBER},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert {h.area.code for h in Household.objects.for_user(newcomer)} == {"a2"}
    assert AuditEntry.objects.filter(
        object_type="teammember", actor=teams.users[Role.WARD_ADMIN]
    ).exists()

    place = TeamMember.objects.get(user=newcomer)
    client.post(reverse("team_member_admin:delete", args=[place.pk]))
    newcomer.__dict__.pop("_ward_memberships", None)
    assert not Household.objects.for_user(newcomer).exists()


def test_the_admin_refuses_a_staff_member_with_another_role_in_vietnamese(teams):
    client = signed_in(teams.users[Role.WARD_ADMIN])
    response = client.post(
        reverse("team_member_admin:add"),
        {"team": teams.team.pk, "user": teams.users[Role.COMMUNICATIONS].pk, "role": "member"},
    )
    assert response.status_code == 200
    assert "mỗi tài khoản chỉ có một vai trò" in response.content.decode()


def test_another_wards_admin_cannot_see_or_change_the_team(teams):
    outsider = signed_in(teams.users["outsider"])
    listing = outsider.get(reverse("team_admin:index")).content.decode()
    assert teams.team.name not in listing and teams.team_b.name in listing
    assert outsider.get(reverse("team_admin:edit", args=[teams.team.pk])).status_code == 404
    response = outsider.post(
        reverse("team_member_admin:add"),
        {"team": teams.team.pk, "user": teams.other_ward.pk, "role": "member"},
    )
    assert response.status_code == 200  # the team is not a choice
    assert not TeamMember.objects.filter(team=teams.team, user=teams.other_ward).exists()


def test_team_members_and_leaders_have_no_admin(teams):
    assert signed_in(teams.member).get(reverse("team_admin:index")).status_code in (302, 403)
