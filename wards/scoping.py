"""The one place that decides which ward data a user may see.

Every queryset method `for_user(user)` in the project ends here, so a rule changes in one place.
- ward admins and communications staff: every household and resident of their wards;
- team leaders and members: households and residents of the areas assigned to them;
- leaders and province administrators: aggregates only, never a name or a phone number;
- a superuser: everything.
"""

from django.apps import apps

from wards.roles import AREA_BOUND, WARD_AGGREGATES, WARD_WIDE_PERSONAL_DATA, Role


def memberships(user) -> list:
    """The user's memberships, read once per user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_ward_memberships", None)
    if cached is None:
        Membership = apps.get_model("wards", "Membership")
        cached = list(Membership.objects.filter(user=user).prefetch_related("areas"))
        user._ward_memberships = cached
    return cached


def roles(user, ward=None) -> set[str]:
    return {m.role for m in memberships(user) if ward is None or m.ward_id in (None, ward.pk)}


def is_province_admin(user) -> bool:
    return getattr(user, "is_superuser", False) or Role.PROVINCE_ADMIN in roles(user)


def _all(model_name, queryset):
    return queryset if queryset is not None else apps.get_model("wards", model_name).objects.all()


def wards_for(user, queryset=None):
    qs = _all("Ward", queryset)
    if is_province_admin(user):
        return qs
    return qs.filter(pk__in={m.ward_id for m in memberships(user)})


def aggregate_wards_for(user, queryset=None):
    qs = _all("Ward", queryset)
    if is_province_admin(user):
        return qs
    return qs.filter(pk__in={m.ward_id for m in memberships(user) if m.role in WARD_AGGREGATES})


def personal_area_ids(user) -> set[int] | None:
    """Area ids whose people the user may read; None means every area (superuser)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return None
    Area = apps.get_model("wards", "Area")
    ward_ids = {m.ward_id for m in memberships(user) if m.role in WARD_WIDE_PERSONAL_DATA}
    ids = (
        set(Area.objects.filter(ward_id__in=ward_ids).values_list("pk", flat=True))
        if ward_ids
        else set()
    )
    for membership in memberships(user):
        if membership.role in AREA_BOUND:
            ids.update(area.pk for area in membership.areas.all())
    return ids


def personal_areas(user, queryset=None):
    qs = _all("Area", queryset)
    ids = personal_area_ids(user)
    return qs if ids is None else qs.filter(pk__in=ids)


def can_read_phones(user, area) -> bool:
    """Full phone numbers are for staff who call people: ward-wide staff and the area's own team."""
    ids = personal_area_ids(user)
    return ids is None or area.pk in ids


def users_for(user, queryset):
    """Accounts a ward's staff may pick (e.g. a new team member): people of their wards and
    accounts not yet in any ward, never another ward's staff or a province administrator."""
    if is_province_admin(user):
        return queryset
    ward_ids = {m.ward_id for m in memberships(user)}
    Membership = apps.get_model("wards", "Membership")
    elsewhere = Membership.objects.exclude(ward_id__in=ward_ids).values("user_id")
    own = Membership.objects.filter(ward_id__in=ward_ids).values("user_id")
    return queryset.filter(is_superuser=False).exclude(pk__in=elsewhere.difference(own))
