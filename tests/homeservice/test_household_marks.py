"""The team's household page shows the household's vulnerability marks, with the link to record
one, to those who may read them; anyone else sees the page without the marks."""

from tests import factories
from tests.homeservice.conftest import mark_elderly, signed_in
from wards.roles import Role


def test_the_member_sees_the_mark_and_records_another_from_the_household_page(hs):
    mark_elderly(hs)
    client = signed_in(hs.member)
    page = client.get(f"/doi/ho/{hs.household.pk}/").content.decode()
    assert "data-vulnerable" in page and "Người cao tuổi sống một mình" in page
    link = f"/doi/ho/{hs.household.pk}/hoan-canh/"
    assert link in page
    answer = client.post(link, {"kind": "disability", "consent": "on"})
    assert answer.status_code == 302 and answer["Location"] == f"/doi/ho/{hs.household.pk}/"
    again = client.get(answer["Location"]).content.decode()
    assert "Người khuyết tật" in again and "Người cao tuổi sống một mình" in again


def test_an_unmarked_household_offers_to_record_one(hs):
    page = signed_in(hs.member).get(f"/doi/ho/{hs.household.pk}/").content.decode()
    assert "data-vulnerable" not in page
    assert f"/doi/ho/{hs.household.pk}/hoan-canh/" in page


def test_those_without_the_right_to_marks_do_not_see_them(hs):
    """The household page itself is the area team's (a member of another area gets a 404); the
    marks piece also refuses on its own anyone who may not read the area's records."""
    from django.test import RequestFactory

    from homeservice.wagtail_hooks import household_marks

    mark_elderly(hs)
    other = factories.user("tovien-kp4", ward=hs.a, role=Role.TEAM_MEMBER, areas=[hs.a2])
    assert signed_in(other).get(f"/doi/ho/{hs.household.pk}/").status_code == 404
    assert signed_in(hs.leader).get(f"/doi/ho/{hs.household.pk}/").status_code == 200
    stranger = signed_in(hs.users[Role.COMMUNICATIONS]).get(f"/doi/ho/{hs.household.pk}/")
    assert stranger.status_code in (302, 403, 404)
    for role in (Role.COMMUNICATIONS, Role.LEADER):  # ward-wide, but not the area's team
        request = RequestFactory().get("/")
        request.user = hs.users[role]
        assert household_marks(request, household=hs.household) == ""
    request = RequestFactory().get("/")
    request.user = hs.member
    assert "data-vulnerable" in household_marks(request, household=hs.household)


def test_a_mark_the_resident_withdraws_is_removed_and_leaves_the_figures(hs):
    from homeservice.models import Vulnerability
    from wards.models import ChangeMark

    mark = mark_elderly(hs)
    ChangeMark.objects.all().delete()
    client = signed_in(hs.member)
    form_page = client.get(f"/doi/ho/{hs.household.pk}/hoan-canh/").content.decode()
    remove = f"/doi/ho/{hs.household.pk}/hoan-canh/{mark.pk}/go/"
    assert remove in form_page
    answer = client.post(remove)
    assert answer.status_code == 302 and answer["Location"] == f"/doi/ho/{hs.household.pk}/"
    page = client.get(answer["Location"]).content.decode()
    assert "Đã gỡ hoàn cảnh" in page and "data-vulnerable" not in page
    assert not Vulnerability.objects.filter(pk=mark.pk).exists()
    # The leaders' figures hear it on the next refresh.
    assert ChangeMark.objects.filter(ward_id=hs.a.pk, part=ChangeMark.Part.SERVICES).exists()
    assert client.post(remove).status_code == 404  # already gone: nothing to do twice


def test_a_member_of_another_area_cannot_remove_a_mark(hs):
    from homeservice.models import Vulnerability

    mark = mark_elderly(hs)
    other = factories.user("tovien-kp5", ward=hs.a, role=Role.TEAM_MEMBER, areas=[hs.a2])
    answer = signed_in(other).post(f"/doi/ho/{hs.household.pk}/hoan-canh/{mark.pk}/go/")
    assert answer.status_code == 404
    assert Vulnerability.objects.filter(pk=mark.pk).exists()
