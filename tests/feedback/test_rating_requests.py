"""A served event asks for a rating once, after a delay, never when the system closed it."""

import datetime

from django.utils import timezone

from feedback import tokens
from feedback.models import FeedbackSettings, RatingRequest
from feedback.services.ratings import rating_requests_schedule, rating_requests_send_due
from teams.records import check_visit, parse_record
from teams.services import visit_record
from tests.feedback.conftest import record, served
from wards.models import ChangeMark


def test_a_token_reads_back_and_a_changed_one_is_refused(db):
    token = tokens.make(12345)
    assert tokens.read(token) == 12345
    body, signature = token.split("-")
    assert tokens.read(f"{body}-{signature[:-1]}x") is None
    assert tokens.read(f"{tokens.make(12346).split('-')[0]}-{signature}") is None
    assert tokens.read("") is None and tokens.read("<script>") is None
    assert len(token) <= 16


def test_a_visit_that_met_someone_asks_them_for_a_rating(teams, django_capture_on_commit_callbacks):
    data = record(teams.household, attendees=[{"resident_id": teams.resident.pk, "actions": []}])
    with django_capture_on_commit_callbacks(execute=True):
        visit, _created = visit_record(
            member=teams.member, draft=check_visit(member=teams.member, record=parse_record(data))
        )
    request = RatingRequest.objects.get()
    assert (request.kind, request.ref, request.phone) == ("visit", str(visit.pk), "+84912000002")
    assert request.team_id == teams.team.pk and request.area == teams.a1
    assert request.resident == teams.resident
    assert ChangeMark.objects.filter(ward_id=teams.a.pk, part=ChangeMark.Part.FEEDBACK).exists()


def test_nobody_home_asks_nobody(teams, django_capture_on_commit_callbacks):
    data = record(teams.household, outcome="nobody_home")
    with django_capture_on_commit_callbacks(execute=True):
        visit_record(
            member=teams.member, draft=check_visit(member=teams.member, record=parse_record(data))
        )
    assert not RatingRequest.objects.exists()


def test_once_per_event_and_never_for_the_system_or_without_a_phone(ward_a):
    rating_requests_schedule(services=[served(ward_a, ref="7")])
    rating_requests_schedule(services=[served(ward_a, ref="7")])
    rating_requests_schedule(services=[served(ward_a, ref="8", by_system=True)])
    rating_requests_schedule(services=[served(ward_a, ref="9", phone="")])
    assert list(RatingRequest.objects.values_list("ref", flat=True)) == ["7"]


def test_it_goes_out_after_the_delay_once(ward_a, outbox):
    setup = FeedbackSettings.for_site(ward_a.site)
    setup.delay_minutes = 120
    setup.save()
    now = timezone.now()
    rating_requests_schedule(services=[served(ward_a)], now=now)
    assert rating_requests_send_due(now=now + datetime.timedelta(minutes=119)) == 0
    assert rating_requests_send_due(now=now + datetime.timedelta(minutes=121)) == 1
    assert rating_requests_send_due(now=now + datetime.timedelta(minutes=122)) == 0
    (message,) = outbox
    request = RatingRequest.objects.get()
    assert request.status == RatingRequest.Status.SENT
    assert message["phone"] == "+84912000002"
    assert message["dedup_key"] == f"feedback-rating-{request.pk}"
    assert f"/dg/{tokens.make(request.pk)}/" in message["text"]
    assert message["template_id"] == ""


def test_a_ward_with_a_zalo_rating_template_sends_through_it(ward_a, outbox):
    setup = FeedbackSettings.for_site(ward_a.site)
    setup.zalo_rating_template = "287731"
    setup.save()
    rating_requests_schedule(services=[served(ward_a)])
    rating_requests_send_due()
    (message,) = outbox
    assert message["template_id"] == "287731"
    assert message["template_data"]["rating_url"].endswith("/")


def test_a_request_that_expired_before_it_could_go_is_not_sent(ward_a, outbox):
    now = timezone.now()
    rating_requests_schedule(services=[served(ward_a)], now=now - datetime.timedelta(days=30))
    assert rating_requests_send_due(now=now) == 0
    assert not outbox
    assert RatingRequest.objects.get().status == RatingRequest.Status.SKIPPED


def test_a_phone_the_notice_service_refuses_is_skipped(ward_a, monkeypatch):
    def refuse(**kwargs):
        raise ValueError("opted out")

    monkeypatch.setattr("feedback.notify.send", refuse)
    rating_requests_schedule(services=[served(ward_a)])
    assert rating_requests_send_due() == 0
    assert RatingRequest.objects.get().status == RatingRequest.Status.SKIPPED


def test_the_minute_tick_is_declared_and_created(db):
    from django_q.models import Schedule

    from wards.schedules import declared, ensure_schedules

    assert "feedback.tasks.send_due_rating_requests" in {every.func for every in declared()}
    ensure_schedules()
    assert Schedule.objects.filter(
        func="feedback.tasks.send_due_rating_requests", minutes=1
    ).exists()
