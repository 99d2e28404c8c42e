"""Ward admins set their ward's targets in the Wagtail admin; no one else's."""

from django.urls import reverse

from stats.models import WardTarget
from wards.roles import Role


def test_a_ward_admin_sets_the_targets_of_their_ward(client, two_wards):
    admin = two_wards.users[Role.WARD_ADMIN]
    client.force_login(admin)
    response = client.get(reverse("stats_targets:add"))
    assert response.status_code == 200
    wards = list(response.context["form"].fields["ward"].queryset)
    assert wards == [two_wards.a]
    response = client.post(
        reverse("stats_targets:add"),
        {
            "ward": two_wards.a.pk,
            "vneid_level2": "75",
            "public_service_account": "60",
            "online_submission": "",
            "cashless_payment": "70",
            "note": "Kế hoạch năm 2026",
        },
    )
    assert response.status_code == 302
    target = WardTarget.objects.get(ward=two_wards.a)
    assert (target.vneid_level2, target.online_submission, target.updated_by) == (75, None, admin)


def test_a_target_above_100_percent_is_refused_with_a_message(client, two_wards):
    client.force_login(two_wards.users[Role.WARD_ADMIN])
    response = client.post(
        reverse("stats_targets:add"), {"ward": two_wards.a.pk, "vneid_level2": "120"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["vneid_level2"]
    assert not WardTarget.objects.exists()


def test_another_wards_target_is_out_of_reach(client, two_wards):
    theirs = WardTarget.objects.create(ward=two_wards.b, vneid_level2=90)
    client.force_login(two_wards.users[Role.WARD_ADMIN])
    assert client.get(reverse("stats_targets:edit", args=[theirs.pk])).status_code == 404
    response = client.post(
        reverse("stats_targets:add"), {"ward": two_wards.b.pk, "vneid_level2": "10"}
    )
    assert "ward" in response.context["form"].errors
    assert WardTarget.objects.get(ward=two_wards.b).vneid_level2 == 90


def test_leaders_read_targets_on_the_dashboard_but_cannot_edit_them(client, two_wards):
    client.force_login(two_wards.users[Role.LEADER])
    response = client.get(reverse("stats_targets:add"))
    assert response.status_code == 302  # leaders have no admin
