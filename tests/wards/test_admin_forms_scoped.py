"""Walk every admin add / edit form as a ward's staff: no choice belongs to another ward."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, reverse
from wagtail.admin.viewsets import viewsets

from wards.models import Area, Ward
from wards.roles import Role


def ward_of(obj):
    """The ward an offered choice belongs to, or None when it belongs to none."""
    if isinstance(obj, Ward):
        return obj.pk
    if isinstance(obj, get_user_model()):
        wards = (
            {m.ward_id for m in obj.ward_memberships.all()}
            if hasattr(obj, "ward_memberships")
            else set()
        )
        return wards or None
    for path in ("ward_id", "area.ward_id", "household.ward_id", "team.ward_id"):
        value = obj
        try:
            for part in path.split("."):
                value = getattr(value, part)
        except AttributeError:
            continue
        if value is not None:
            return value
    return None


def model_viewsets():
    viewsets.populate()
    return [v for v in viewsets.viewsets if getattr(v, "model", None) is not None]


def form_urls(viewset, user):
    try:
        yield "add", reverse(viewset.get_url_name("add"))
    except NoReverseMatch:
        return
    manager = viewset.model._default_manager
    queryset = manager.for_user(user) if hasattr(manager, "for_user") else manager.none()
    obj = queryset.first()
    if obj is not None:
        try:
            yield "edit", reverse(viewset.get_url_name("edit"), args=[obj.pk])
        except NoReverseMatch:
            pass


def offered_elsewhere(form, own_ward_ids) -> list[str]:
    leaks = []
    for name, field in form.fields.items():
        queryset = getattr(field, "queryset", None)
        if queryset is None:
            continue
        for obj in queryset:
            ward = ward_of(obj)
            wards = ward if isinstance(ward, set) else {ward} if ward is not None else set()
            if wards and not wards & own_ward_ids:
                leaks.append(f"{name}: {obj}")
    return leaks


@pytest.mark.parametrize("role", [Role.WARD_ADMIN, Role.COMMUNICATIONS])
def test_no_admin_form_offers_another_wards_choice(client, two_wards, role):
    user = two_wards.users[role]
    client.force_login(user)
    walked, leaks = [], []
    for viewset in model_viewsets():
        for kind, url in form_urls(viewset, user):
            response = client.get(url)
            if (
                response.status_code != 200
                or not response.context
                or "form" not in response.context
            ):
                continue
            walked.append(f"{viewset.model.__name__} {kind}")
            leaks += [
                f"{viewset.model.__name__} {kind}: {leak}"
                for leak in offered_elsewhere(response.context["form"], {two_wards.a.pk})
            ]
            assert two_wards.b.name not in response.content.decode(), url
    assert leaks == []
    if role == Role.WARD_ADMIN:
        assert {"Area add", "Area edit", "Household add", "Household edit"} <= set(walked), walked


def test_a_ward_admin_cannot_create_or_move_an_area_into_another_ward(client, two_wards):
    client.force_login(two_wards.users[Role.WARD_ADMIN])
    response = client.post(
        reverse("areas:add"), {"ward": two_wards.b.pk, "name": "Khu lạ", "code": "kl"}
    )
    assert response.status_code == 200 and not Area.objects.filter(code="kl").exists()
    area = two_wards.a1
    response = client.post(
        reverse("areas:edit", args=[area.pk]),
        {"ward": two_wards.b.pk, "name": area.name, "code": area.code},
    )
    area.refresh_from_db()
    assert area.ward == two_wards.a
