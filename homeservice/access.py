"""Who sees home-service requests and vulnerability records, built on wards.scoping.

Narrower than personal data in general: the team of the area, the ward's one-stop officers and
ward administrators. Communications staff and leaders see counts only (stats.homeservice).
"""

from django.apps import apps

from wards import scoping
from wards.roles import AREA_BOUND, Role

WARD_WIDE = {Role.WARD_ADMIN, Role.ONE_STOP}
OFFICE = {Role.WARD_ADMIN, Role.ONE_STOP}


def service_area_ids(user) -> set[int] | None:
    """Area ids whose requests the user may read; None means every area (superuser)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return None
    ward_ids = {m.ward_id for m in scoping.memberships(user) if m.role in WARD_WIDE}
    Area = apps.get_model("wards", "Area")
    ids = (
        set(Area.objects.filter(ward_id__in=ward_ids).values_list("pk", flat=True))
        if ward_ids
        else set()
    )
    for membership in scoping.memberships(user):
        if membership.role in AREA_BOUND:
            ids.update(area.pk for area in membership.areas.all())
    return ids


def filter_areas(queryset, user, field: str = "area_id"):
    ids = service_area_ids(user)
    return queryset if ids is None else queryset.filter(**{f"{field}__in": ids})


def office_ward_ids(user) -> set[int] | None:
    """Wards where the user records portal steps; None for a superuser (all)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return None
    return {m.ward_id for m in scoping.memberships(user) if m.role in OFFICE}


def is_office(user, ward_id: int) -> bool:
    ids = office_ward_ids(user)
    return ids is None or ward_id in ids


def may_set_sla(user) -> bool:
    """One-stop officers and ward admins set the home-service deadlines; team leaders only read them."""
    return user.is_active and (user.is_superuser or bool(office_ward_ids(user)))


def is_board_user(user) -> bool:
    """Team leaders, one-stop officers and ward admins open the board."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or bool(scoping.roles(user) & (OFFICE | {Role.TEAM_LEADER}))
