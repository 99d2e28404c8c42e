"""Areas are written through wards.areas from the admin: audited, marked for the figures, never
moved to another ward, and never deleted while households live in them."""

from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests import factories
from tests.hostile import PROPERTY, sent, texts
from wards.models import Area, AuditEntry, ChangeMark
from wards.roles import Role


def test_a_new_area_and_a_renamed_one_are_audited_and_reach_the_figures(client, two_wards):
    client.force_login(two_wards.users[Role.WARD_ADMIN])
    ChangeMark.objects.all().delete()
    response = client.post(
        reverse("areas:add"), {"ward": two_wards.a.pk, "name": "  Khu phố Mới ", "code": "kpm"}
    )
    assert response.status_code == 302
    area = Area.objects.get(code="kpm")
    assert area.ward == two_wards.a and area.name == "Khu phố Mới"
    response = client.post(
        reverse("areas:edit", args=[area.pk]), {"name": "Khu phố Bảy", "code": "kpm"}
    )
    assert response.status_code == 302
    area.refresh_from_db()
    assert area.name == "Khu phố Bảy"
    entries = AuditEntry.objects.filter(object_type="area", object_id=str(area.pk))
    assert sorted(entries.values_list("action", flat=True)) == ["create", "update"]
    assert ChangeMark.objects.filter(ward_id=two_wards.a.pk).count() == 2


def test_a_code_taken_in_the_ward_is_refused_in_vietnamese_and_the_typing_kept(client, two_wards):
    client.force_login(two_wards.users[Role.WARD_ADMIN])
    other = factories.area(two_wards.a, "kpx", "Khu phố X")
    response = client.post(
        reverse("areas:edit", args=[other.pk]), {"name": "Khu phố X mới", "code": two_wards.a1.code}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Phường đã có khu phố mang mã này." in body and "Khu phố X mới" in body
    other.refresh_from_db()
    assert other.code == "kpx"


def test_an_area_with_households_is_not_deleted_and_an_empty_one_is(
    client, two_wards, django_user_model
):
    # A ward's administrator may not delete areas at all; the platform's administrator may.
    client.force_login(two_wards.users[Role.WARD_ADMIN])
    client.post(reverse("areas:delete", args=[two_wards.a1.pk]))
    assert Area.objects.filter(pk=two_wards.a1.pk).exists()
    client.force_login(django_user_model.objects.create_superuser("quantri", password="x"))
    response = client.post(reverse("areas:delete", args=[two_wards.a1.pk]), follow=True)
    assert response.status_code == 200
    assert "chuyển các hộ sang khu phố khác trước khi xóa" in response.content.decode()
    assert Area.objects.filter(pk=two_wards.a1.pk).exists()
    empty = factories.area(two_wards.a, "kpr", "Khu phố Rỗng")
    response = client.post(reverse("areas:delete", args=[empty.pk]))
    assert response.status_code == 302 and not Area.objects.filter(pk=empty.pk).exists()
    assert AuditEntry.objects.filter(object_type="area", action="delete").count() == 1


@PROPERTY
@given(name=texts, code=texts, ward=st.one_of(texts, st.integers()))
def test_the_area_form_answers_any_input_without_a_crash(client, two_wards, name, code, ward):
    client.force_login(two_wards.users[Role.WARD_ADMIN])
    before = Area.objects.count()
    response = sent(client.post(reverse("areas:add"), {"ward": ward, "name": name, "code": code}))
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert Area.objects.count() == before
