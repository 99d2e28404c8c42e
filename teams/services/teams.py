"""Teams and their members, and the ward memberships (areas) they imply."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from teams.models import Team, TeamMember
from wards.models import AuditEntry, Membership
from wards.roles import AREA_BOUND, Role
from wards.services import audit_record, membership_grant


class TeamError(ValidationError):
    """A change to a team that would break a rule; the message is for the person who asked."""


def membership_sync(*, user, ward) -> Membership | None:
    """Make the user's Membership in `ward` say what their places in the ward's teams say.

    The Membership's areas are what wards.scoping reads, so this is the only writer of a team
    role's areas: a tổ trưởng anywhere becomes TEAM_LEADER, otherwise TEAM_MEMBER.
    """
    current = Membership.objects.filter(user=user, ward=ward).first()
    if current and current.role not in AREA_BOUND:
        return current
    places = list(TeamMember.objects.filter(user=user, team__ward=ward).prefetch_related("areas"))
    if not places:
        if current:
            current = membership_grant(user=user, ward=ward, role=current.role, areas=())
        return current
    leads = any(place.role == TeamMember.Role.LEADER for place in places)
    areas = {area for place in places for area in place.areas.all()}
    return membership_grant(
        user=user,
        ward=ward,
        role=Role.TEAM_LEADER if leads else Role.TEAM_MEMBER,
        areas=areas,
    )


def check_can_join(user, ward) -> None:
    current = Membership.objects.filter(user=user, ward=ward).first()
    if current and current.role not in AREA_BOUND:
        raise TeamError(
            _(
                "Tài khoản %(user)s đang là %(role)s của phường; mỗi tài khoản chỉ có một vai trò "
                "trong một phường."
            )
            % {"user": user.get_username(), "role": current.get_role_display()},
            code="other_role",
        )


@transaction.atomic
def team_create(*, ward, name: str, areas=(), by=None) -> Team:
    from wards.text import nfc

    team = Team.objects.create(ward=ward, name=nfc(name))
    team.areas.set([area for area in areas if area.ward_id == ward.pk])
    audit_record(actor=by, action=AuditEntry.Action.CREATE, obj=team, ward=ward, summary=team.name)
    return team


@transaction.atomic
def team_update(*, team: Team, name: str, areas, by=None) -> Team:
    from wards.text import nfc

    old = Team.objects.get(pk=team.pk).name
    team.name = nfc(name)
    team.save(update_fields=["name"])
    if old != team.name:
        audit_record(
            actor=by,
            action=AuditEntry.Action.UPDATE,
            obj=team,
            ward=team.ward,
            changes={"name": [old, team.name]},
        )
    return team_set_areas(team=team, areas=areas, by=by)


@transaction.atomic
def team_set_areas(*, team: Team, areas, by=None) -> Team:
    """Change what the team covers; leaders cover all of it, members keep what remains of theirs."""
    areas = [area for area in areas if area.ward_id == team.ward_id]
    team.areas.set(areas)
    for place in team.members.select_related("user"):
        if place.role == TeamMember.Role.LEADER:
            place.areas.set(areas)
        else:
            place.areas.set([area for area in place.areas.all() if area in areas])
        membership_sync(user=place.user, ward=team.ward)
    audit_record(
        actor=by,
        action=AuditEntry.Action.UPDATE,
        obj=team,
        ward=team.ward,
        changes={"areas": sorted(area.code for area in areas)},
    )
    return team


@transaction.atomic
def team_member_add(*, team: Team, user, role: str, areas=None, by=None) -> TeamMember:
    """Put someone in a team (or change their role there) and grant them the areas they walk."""
    check_can_join(user, team.ward)
    team_areas = list(team.areas.all())
    wanted = team_areas if areas is None or role == TeamMember.Role.LEADER else list(areas)
    outside = [area for area in wanted if area not in team_areas]
    if outside:
        raise TeamError(
            _("Khu phố %(areas)s không thuộc tổ %(team)s.")
            % {"areas": ", ".join(area.name for area in outside), "team": team.name},
            code="area_outside_team",
        )
    place, created = TeamMember.objects.update_or_create(
        team=team, user=user, defaults={"role": role}
    )
    place.areas.set(wanted)
    membership_sync(user=user, ward=team.ward)
    audit_record(
        actor=by,
        action=AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE,
        obj=place,
        ward=team.ward,
        summary=f"{team.name}: {user.get_username()}",
        changes={"role": role, "areas": sorted(area.code for area in wanted)},
    )
    return place


@transaction.atomic
def team_member_set_areas(*, place: TeamMember, areas, by=None) -> TeamMember:
    return team_member_add(team=place.team, user=place.user, role=place.role, areas=areas, by=by)


@transaction.atomic
def team_member_remove(*, place: TeamMember, by=None) -> None:
    team, user = place.team, place.user
    audit_record(
        actor=by,
        action=AuditEntry.Action.DELETE,
        obj=place,
        ward=team.ward,
        summary=f"{team.name}: {user.get_username()}",
    )
    place.delete()
    membership_sync(user=user, ward=team.ward)


@transaction.atomic
def team_delete(*, team: Team, by=None) -> None:
    users = [place.user for place in team.members.select_related("user")]
    ward = team.ward
    audit_record(actor=by, action=AuditEntry.Action.DELETE, obj=team, ward=ward, summary=team.name)
    team.delete()
    for user in users:
        membership_sync(user=user, ward=ward)
