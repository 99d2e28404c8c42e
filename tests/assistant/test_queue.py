"""The editors' queue: counted, scoped to the ward, forgotten after 90 days."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assistant import services, tasks
from assistant.models import Question, Synonym
from wards.roles import Role

pytestmark = pytest.mark.django_db


def test_questions_are_forgotten_after_90_days(two_wards):
    old = services.question_record(ward=two_wards.a, question="hỏi cũ", reason=Question.Reason.WEAK)
    Question.objects.filter(pk=old.pk).update(
        last_asked_at=timezone.now() - datetime.timedelta(days=91)
    )
    services.question_record(ward=two_wards.a, question="hỏi mới", reason=Question.Reason.WEAK)
    assert tasks.forget_old_questions() == 1
    assert list(Question.objects.values_list("text", flat=True)) == ["hỏi mới"]


def test_the_cleanup_is_scheduled_daily():
    from django_q.models import Schedule

    assert Schedule.objects.filter(
        func="assistant.tasks.forget_old_questions", schedule_type="D"
    ).exists()


def test_staff_see_their_wards_queue_with_counts_only(client, two_wards):
    services.question_record(
        ward=two_wards.a, question="giấy tờ nhà đất", reason=Question.Reason.WEAK
    )
    services.question_record(
        ward=two_wards.a, question="giấy tờ nhà đất", reason=Question.Reason.WEAK
    )
    services.question_record(
        ward=two_wards.b, question="câu của phường khác", reason=Question.Reason.WEAK
    )
    client.force_login(two_wards.users[Role.COMMUNICATIONS])
    html = client.get(reverse("assistant_questions:index")).content.decode()
    assert "giấy tờ nhà đất" in html and "câu của phường khác" not in html
    other = Question.objects.get(ward=two_wards.b)
    assert client.get(reverse("assistant_questions:edit", args=[other.pk])).status_code == 404


def test_staff_add_a_synonym_for_their_ward(client, two_wards):
    client.force_login(two_wards.users[Role.COMMUNICATIONS])
    response = client.post(
        reverse("assistant_synonyms:add"),
        {"ward": two_wards.b.pk, "phrase": "giấy đỏ", "means": "giấy chứng nhận quyền sử dụng đất"},
    )
    assert response.status_code == 200  # another ward is not a choice
    assert not Synonym.objects.filter(phrase="giấy đỏ").exists()
    client.post(
        reverse("assistant_synonyms:add"),
        {"ward": two_wards.a.pk, "phrase": "giấy đỏ", "means": "giấy chứng nhận quyền sử dụng đất"},
    )
    assert Synonym.objects.get(phrase="giấy đỏ").ward == two_wards.a


def test_publishing_schedules_one_rebuild_per_ward(site, django_capture_on_commit_callbacks):
    from django_q.models import Schedule

    from tests.learning.conftest import lesson

    Schedule.objects.filter(func="assistant.tasks.rebuild_index").delete()
    with django_capture_on_commit_callbacks(execute=True):
        lesson(site.lessons.topic_a, "Bài mới", slug="bai-moi")
        lesson(site.lessons.topic_a, "Bài mới nữa", slug="bai-moi-nua")
    assert Schedule.objects.filter(func="assistant.tasks.rebuild_index").count() == 1
    tasks.rebuild_index(site.a.pk)
    from assistant import engine

    assert any(h.doc.title == "Bài mới nữa" for h in engine.answer(site.a.pk, "bài mới nữa").hits)
