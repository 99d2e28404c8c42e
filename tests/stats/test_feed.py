"""Every write path reaches the leaders' dashboard within one refresh: the write records a mark
in the change feed, the scheduled refresh (run as the worker runs it) rebuilds the marked part,
and the page shows the new figure. Nothing here relies on a model signal."""

import datetime
import io
import json
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_q.models import Schedule
from django_q.tasks import async_task, result

from campaigns.models import Campaign, Recipient
from teams.models import Visit
from tests.campaigns.conftest import twilio_account
from tests.fakes.twilio import FakeTwilio, status_params, twilio_signature
from tests.stats.conftest import person
from tests.teams.conftest import record, signed_in
from wards.models import ChangeMark, EventSource, Milestone, Resident
from wards.roles import Role
from wards.services import adoption_event_record, household_update, resident_update

ACTIVATED = "VNeID mức 2 đã kích hoạt"


def refresh_as_the_worker_would():
    """Run the refresh task the way its Schedule row names it."""
    schedule = Schedule.objects.get(func="stats.tasks.refresh")
    return result(async_task(schedule.func))


def dashboard_html(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("stats:dashboard"))
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def headline_share(html: str) -> str:
    """The VNeID headline's percentage as the page prints it."""
    after = html[html.index(ACTIVATED) :]
    return re.search(r"\d+,\d %", after).group(0)


@pytest.fixture
def fresh(dashboard):
    """The dashboard fixture's roll-ups built and its marks consumed: the feed starts empty."""
    refresh_as_the_worker_would()
    assert not ChangeMark.objects.exists()
    return dashboard


def test_a_synced_visit_with_an_activation_adds_a_mark_and_reaches_the_page(client, fresh, teams):
    before = dashboard_html(client, fresh.leader)
    assert headline_share(before) == "40,0 %"  # 10 of 25 adults
    phone = signed_in(teams.member)
    visit = record(
        teams.household,
        attendees=[{"resident_id": teams.resident.pk, "actions": ["activated_level2"]}],
    )
    response = phone.post(
        "/api/doi/sync", json.dumps({"records": [visit]}), content_type="application/json"
    )
    assert response.json()["created"] == 1
    marks = set(ChangeMark.objects.values_list("ward_id", "part"))
    assert (fresh.a.pk, ChangeMark.Part.PEOPLE) in marks
    assert (fresh.a.pk, ChangeMark.Part.VISITS) in marks
    assert headline_share(dashboard_html(client, fresh.leader)) == "40,0 %"  # not before

    assert refresh_as_the_worker_would() >= 1
    assert headline_share(dashboard_html(client, fresh.leader)) == "44,0 %"  # 11 of 25
    assert not ChangeMark.objects.exists()


def test_the_field_form_reaches_the_page_in_one_refresh(client, fresh, teams):
    phone = signed_in(teams.member)
    response = phone.post(
        f"/doi/ho/{teams.household.pk}/",
        {
            "client_uuid": "0b6f3c1e-0d7a-4b55-9a4e-2b8f0b9d1a22",
            "outcome": "done",
            "present": [str(teams.resident.pk)],
            f"actions_{teams.resident.pk}": ["activated_level2"],
        },
    )
    assert response.status_code == 302 and Visit.objects.count() == 1
    refresh_as_the_worker_would()
    html = dashboard_html(client, fresh.leader)
    assert headline_share(html) == "44,0 %"


def test_a_household_created_in_the_field_counts_its_new_adult(client, fresh, teams):
    phone = signed_in(teams.member)
    response = phone.post(
        "/doi/ho/them/",
        {"area": teams.a1.pk, "address": "9 Hẻm Mới", "head_name": "Võ Văn Tư", "size": 1},
    )
    phone.post(response["Location"], {"full_name": "Võ Văn Tư", "birth_year": "1950"})
    refresh_as_the_worker_would()
    assert headline_share(dashboard_html(client, fresh.leader)) == "38,5 %"  # 10 of 26


def test_an_import_confirmed_reaches_the_page_in_one_refresh(client, fresh):
    admin = Client()
    admin.force_login(fresh.users[Role.WARD_ADMIN])
    code = fresh.households["a1"].code
    csv = "ma_ho,ho_ten,nam_sinh,vneid\n" + f"{code},Đặng Văn Mười,1955,chưa có\n"
    upload = io.BytesIO(csv.encode())
    upload.name = "cu-dan.csv"
    preview = admin.post(reverse("wards_import", args=["cu-dan"]), {"file": upload}, follow=True)
    assert preview.status_code == 200, preview.context.get("problems")
    admin.post(reverse("wards_import_confirm", args=["cu-dan", preview.context["job"].pk]))
    assert Resident.objects.filter(full_name="Đặng Văn Mười").exists()
    # The import library saves the rows itself; the confirm records the mark.
    assert ChangeMark.objects.filter(ward_id=fresh.a.pk, part=ChangeMark.Part.PEOPLE).exists()
    refresh_as_the_worker_would()
    assert headline_share(dashboard_html(client, fresh.leader)) == "38,5 %"  # 10 of 26


def test_a_campaign_conversion_reaches_the_page_in_one_refresh(client, fresh, sent_campaign):
    refresh_as_the_worker_would()
    client.force_login(fresh.leader)
    (row,) = client.get(reverse("stats:dashboard")).context["report"].sections["campaigns"]
    assert row.converted.value == 6
    # A delivered recipient who had not converted activates after the message.
    resident = (
        sent_campaign.recipients.filter(delivered_at__isnull=False)
        .exclude(resident__vneid="level2_activated")
        .first()
        .resident
    )
    adoption_event_record(
        resident=resident,
        milestone=Milestone.VNEID_LEVEL2_ACTIVATED,
        source=EventSource.VISIT,
        verified=True,
    )
    refresh_as_the_worker_would()
    response = client.get(reverse("stats:dashboard"))
    (row,) = response.context["report"].sections["campaigns"]
    assert row.converted.value == 7
    assert str(row.converted) in response.content.decode()


def test_lessons_finished_on_phones_reach_the_page_in_one_refresh(client, fresh):
    from learning.services import library_create
    from tests.learning.conftest import lesson, topic

    library = library_create(title="Thư viện thử")
    library_topic = topic(library, "VNeID", "vneid")
    page = lesson(library_topic, "Cài VNeID", slug="cai-vneid")
    topic(fresh.a.site.root_page, "VNeID", "vneid", library_topic=library_topic)
    refresh_as_the_worker_would()
    for _ in range(5):
        phone = Client(HTTP_HOST="anbinh.test")
        assert phone.post(f"/hoc/bai/{page.pk}/hoc-xong/").status_code == 302
    marks = ChangeMark.objects.filter(ward_id=fresh.a.pk, part=ChangeMark.Part.LEARNING)
    assert marks.exists()
    refresh_as_the_worker_would()
    client.force_login(fresh.leader)
    response = client.get(reverse("stats:dashboard"))
    section = response.context["report"].sections["learning"]
    assert (section.started.value, section.completed.value) == (5, 5)
    assert "Cài VNeID" in response.content.decode()


def test_edits_and_moves_made_through_the_services_are_marked(fresh):
    household = fresh.households["a1"]
    household_update(household=household, address="12 Đường Mới")
    assert ChangeMark.objects.filter(ward_id=fresh.a.pk).count() == 1
    resident = fresh.residents["a1"]
    resident_update(resident=resident, household=fresh.households["b1"])  # moved to ward B
    marked = set(ChangeMark.objects.values_list("ward_id", flat=True))
    assert marked == {fresh.a.pk, fresh.b.pk}


def test_one_wards_backlog_of_marks_does_not_hold_back_another_ward(fresh):
    """A sending campaign writes a mark per receipt; the refresh reads a bounded number of marks
    per ward and part, so a ward marked after a long backlog is still rebuilt in the same run."""
    from stats import rollups
    from wards import changes

    for _ in range(5):
        changes.record(ward_ids=[fresh.a.pk], part=ChangeMark.Part.CAMPAIGNS)
    changes.record(ward_ids=[fresh.b.pk], part=ChangeMark.Part.PEOPLE)
    rebuilt = rollups.rollup_dirty(limit=3)
    assert rebuilt == {fresh.a.pk: {"campaigns"}, fresh.b.pk: {"people"}}
    assert ChangeMark.objects.filter(ward_id=fresh.a.pk).count() == 2  # the rest: next run
    assert not ChangeMark.objects.filter(ward_id=fresh.b.pk).exists()


def test_a_back_dated_visit_moves_last_months_figure(client, fresh, teams):
    """The sync's bulk path with a date in the previous month: the trend's month changes."""
    last_month = timezone.localdate().replace(day=1) - datetime.timedelta(days=3)
    resident = person(fresh.a1, "Lý Thị Mười Một")
    refresh_as_the_worker_would()
    at = timezone.make_aware(datetime.datetime.combine(last_month, datetime.time(9)))
    visit = record(
        resident.household,
        visited_at=at.isoformat(),
        attendees=[{"resident_id": resident.pk, "actions": ["activated_level2"]}],
    )
    phone = signed_in(teams.member)
    phone.post("/api/doi/sync", json.dumps({"records": [visit]}), content_type="application/json")
    refresh_as_the_worker_would()
    client.force_login(fresh.leader)
    report = client.get(reverse("stats:dashboard")).context["report"]
    # 6 activated long ago + this one at the end of last month, of 26 adults
    assert report.headlines[0].previous.part.value == 7


# --- campaigns: receipts and clicks ------------------------------------------------------------


@pytest.fixture
def measured(fresh, sent_campaign):
    """sent_campaign past its conversion window and grace: the refresh's sweep of campaigns still
    measuring leaves it alone, so a late receipt or click reaches the page only by its mark."""
    Campaign.objects.filter(pk=sent_campaign.pk).update(conversion_window_days=1)
    refresh_as_the_worker_would()
    assert not ChangeMark.objects.exists()
    return sent_campaign


def campaign_row(client, leader):
    client.force_login(leader)
    response = client.get(reverse("stats:dashboard"))
    (row,) = response.context["report"].sections["campaigns"]
    return row


def campaign_marks(ward) -> int:
    return ChangeMark.objects.filter(ward_id=ward.pk, part=ChangeMark.Part.CAMPAIGNS).count()


def test_a_late_delivery_receipt_reaches_the_page_in_one_refresh(client, fresh, measured):
    with FakeTwilio() as fake:
        account = twilio_account(fresh.a, fake)
    rows = measured.recipients.filter(status=Recipient.Status.SENT).order_by("pk")[:2]
    for n, row in enumerate(rows):
        Recipient.objects.filter(pk=row.pk).update(channel_account=account, provider_id=f"SM{n}")
    assert campaign_row(client, fresh.leader).delivered.value == 8
    url = reverse("campaigns:webhook", args=["twilio", account.key])
    for n, row in enumerate(rows):
        params = status_params(f"SM{n}", "delivered", To=row.phone)
        signature = twilio_signature(
            account.secrets["auth_token"], "http://testserver" + url, params
        )
        response = Client().post(url, params, headers={"X-Twilio-Signature": signature})
        assert response.status_code == 200
    assert campaign_marks(fresh.a) == 2  # one per callback
    assert campaign_row(client, fresh.leader).delivered.value == 8  # not before the refresh

    refresh_as_the_worker_would()
    row = campaign_row(client, fresh.leader)
    assert row.delivered.value == 10
    assert not ChangeMark.objects.exists()


def test_a_first_click_reaches_the_page_in_one_refresh(client, fresh, measured):
    row = measured.recipients.filter(delivered_at__isnull=False, first_clicked_at=None).first()
    Recipient.objects.filter(pk=row.pk).update(link_code="nhac1234")
    assert campaign_row(client, fresh.leader).clicked.value == 3
    phone = Client(HTTP_USER_AGENT="Mozilla/5.0 (Linux; Android 10) Chrome/120 Mobile Safari")
    assert phone.get(reverse("campaigns:link", args=["nhac1234"])).status_code == 302
    assert phone.get(reverse("campaigns:link", args=["nhac1234"])).status_code == 302
    assert campaign_marks(fresh.a) == 1  # who clicked counts, not how often

    refresh_as_the_worker_would()
    assert campaign_row(client, fresh.leader).clicked.value == 4


def test_each_marked_part_of_each_ward_is_read_in_id_order_up_to_the_limit(fresh):
    """The refresh reads every (ward, part) that has marks, each pair's oldest first."""
    from wards import changes

    other = fresh.b
    ChangeMark.objects.all().delete()
    for _ in range(3):
        changes.record(ward_ids=[fresh.a.pk], part=changes.Part.VISITS)
    changes.record(ward_ids=[fresh.a.pk, other.pk], part=changes.Part.SCANS)
    ids = list(ChangeMark.objects.order_by("pk").values_list("pk", "ward_id", "part"))
    visits = [m for m in ids if m[2] == changes.Part.VISITS]
    assert sorted(changes.pending(limit=2)) == sorted(
        visits[:2] + [m for m in ids if m[2] == changes.Part.SCANS]
    )
    assert sorted(changes.pending()) == sorted(ids)
