"""Finishing a lesson is a service delivered (once); with no phone, nobody is texted."""

from learning.models import Learner
from learning.services import progress_record
from wards.served import service_delivered


def test_a_lesson_finished_is_announced_once(lessons, django_capture_on_commit_callbacks):
    heard = []

    def listen(sender, service, **kwargs):
        heard.append(service)

    service_delivered.connect(listen, dispatch_uid="test-lesson-finished")
    try:
        learner = Learner.objects.create(ward=lessons.wards.a)
        with django_capture_on_commit_callbacks(execute=True):
            progress_record(learner=learner, lesson=lessons.level2, kind="start")
            progress_record(learner=learner, lesson=lessons.level2, kind="complete")
            progress_record(learner=learner, lesson=lessons.level2, kind="complete")
    finally:
        service_delivered.disconnect(dispatch_uid="test-lesson-finished")
    assert [(s.kind, s.ref, s.ward_id, s.phone) for s in heard] == [
        ("lesson", str(lessons.level2.pk), lessons.wards.a.pk, "")
    ]
