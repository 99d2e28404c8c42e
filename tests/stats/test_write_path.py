"""The Wagtail admin writes through the services: each save leaves its audit entry, and each
change of people a change-feed mark that the next refresh turns into the dashboard's figure."""

import datetime

from django.urls import reverse

from stats import rollups
from stats.models import AreaSnapshot, OfficialFigure, WardTarget
from wards.models import AuditEntry, ChangeMark, Household, Resident
from wards.roles import Role


def signed_in(client, two_wards):
    client.force_login(two_wards.users[Role.WARD_ADMIN])
    return client


def test_a_household_edited_in_the_admin_is_audited_and_marked(client, two_wards):
    admin = signed_in(client, two_wards)
    household = two_wards.households["a1"]
    ChangeMark.objects.all().delete()
    response = admin.post(
        reverse("households:edit", args=[household.pk]),
        {
            "area": two_wards.a2.pk,
            "code": household.code,
            "address": "12 Đường Hoà Bình",
            "head_name": household.head_name,
            "phone": "0912 000 001",
            "size": 5,
        },
    )
    assert response.status_code == 302
    household.refresh_from_db()
    assert (household.area, household.size) == (two_wards.a2, 5)
    assert household.search_text.startswith("12 duong hoa binh")
    entry = AuditEntry.objects.get(object_type="household", action=AuditEntry.Action.UPDATE)
    assert entry.actor == two_wards.users[Role.WARD_ADMIN]
    assert entry.changes["size"] == ["3", "5"] and "phone" not in entry.changes  # unchanged
    assert ChangeMark.objects.filter(ward_id=two_wards.a.pk).exists()


def test_a_resident_added_and_deleted_in_the_admin_moves_the_counts(client, two_wards):
    admin = signed_in(client, two_wards)
    rollups.rollup_dirty()
    adults = AreaSnapshot.objects.get(area=two_wards.a1).adults
    response = admin.post(
        reverse("residents:add"),
        {
            "household": two_wards.households["a1"].pk,
            "full_name": "Hoàng Thị Thuỷ",
            "birth_year": 1970,
            "phone": "",
        },
    )
    assert response.status_code == 302
    resident = Resident.objects.get(full_name="Hoàng Thị Thuỷ")
    assert AuditEntry.objects.filter(object_type="resident", object_id=str(resident.pk)).exists()
    rollups.rollup_dirty()
    assert AreaSnapshot.objects.get(area=two_wards.a1).adults == adults + 1

    response = admin.post(reverse("residents:delete", args=[resident.pk]))
    assert response.status_code == 302 and not Resident.objects.filter(pk=resident.pk).exists()
    assert AuditEntry.objects.filter(
        object_type="resident", object_id=str(resident.pk), action=AuditEntry.Action.DELETE
    ).exists()
    rollups.rollup_dirty()
    assert AreaSnapshot.objects.get(area=two_wards.a1).adults == adults


def test_a_household_deleted_in_the_admin_leaves_an_audit_entry(client, two_wards):
    admin = signed_in(client, two_wards)
    household = two_wards.households["a2"]
    response = admin.post(reverse("households:delete", args=[household.pk]))
    assert response.status_code == 302 and not Household.objects.filter(pk=household.pk).exists()
    assert AuditEntry.objects.filter(
        object_type="household", action=AuditEntry.Action.DELETE, summary=household.code
    ).exists()


def test_targets_saved_in_the_admin_are_audited_with_who_and_what(client, two_wards):
    admin = signed_in(client, two_wards)
    response = admin.post(
        reverse("stats_targets:add"),
        {"ward": two_wards.a.pk, "vneid_level2": "80", "cashless_payment": "60", "note": ""},
    )
    assert response.status_code == 302, response.context["form"].errors
    target = WardTarget.objects.get(ward=two_wards.a)
    assert target.updated_by == two_wards.users[Role.WARD_ADMIN]
    admin.post(
        reverse("stats_targets:edit", args=[target.pk]),
        {"ward": two_wards.a.pk, "vneid_level2": "85", "cashless_payment": "60", "note": ""},
    )
    entry = AuditEntry.objects.get(object_type="wardtarget", action=AuditEntry.Action.UPDATE)
    assert entry.changes == {"vneid_level2": ["80", "85"]}


def test_an_official_figure_corrected_in_the_admin_is_audited(client, two_wards):
    admin = signed_in(client, two_wards)
    data = {
        "ward": two_wards.a.pk,
        "month": "2026-05-17",
        "field": "Hộ tịch",
        "received": "120",
        "received_online": "100",
        "resolved_on_time": "118",
    }
    assert admin.post(reverse("stats_official:add"), data).status_code == 302
    figure = OfficialFigure.objects.get(ward=two_wards.a)
    assert figure.month == datetime.date(2026, 5, 1) and figure.field_key == "ho tich"
    admin.post(reverse("stats_official:edit", args=[figure.pk]), {**data, "received": "125"})
    entry = AuditEntry.objects.get(object_type="officialfigure", action=AuditEntry.Action.UPDATE)
    assert entry.changes == {"received": ["120", "125"]}
    admin.post(reverse("stats_official:delete", args=[figure.pk]))
    assert not OfficialFigure.objects.exists()
    assert AuditEntry.objects.filter(
        object_type="officialfigure", action=AuditEntry.Action.DELETE
    ).exists()


def test_a_video_uploaded_in_the_admin_is_saved_through_its_service(two_wards, tiny_clip):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from learning.models import Video

    staff = Client()
    staff.force_login(two_wards.users[Role.COMMUNICATIONS])
    clip = SimpleUploadedFile("clip.mp4", tiny_clip.read_bytes(), "video/mp4")
    response = staff.post(
        reverse("wagtailsnippets_learning_video:add"), {"title": "Cài VNeID", "original": clip}
    )
    assert response.status_code == 302
    video = Video.objects.get()
    assert video.status == Video.Status.PENDING  # queued for transcoding by the service
    entry = AuditEntry.objects.get(object_type="video", object_id=str(video.pk))
    assert (entry.action, entry.summary, entry.ward) == ("create", "Cài VNeID", two_wards.a)
