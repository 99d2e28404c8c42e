"""The demo lessons: at least twelve, in the four topics, each with a real quiz; loading twice is safe.

One test, because loading the demo (pictures, a transcoded video) is the slow part.
"""

import pytest
from django.test import Client

from learning import demo
from learning.models import LessonPage, TopicIndexPage, Video
from tests import factories

pytestmark = pytest.mark.django_db

REQUIRED_TOPICS = [
    "cài ứng dụng vneid",
    "kích hoạt tài khoản vneid mức 2",
    "tài khoản cổng dịch vụ công",
    "nộp hồ sơ",
    "mã qr",
    "ví điện tử",
    "giả danh công an",
    "đường link",
]


def test_demo_lessons_on_the_demo_wards_site():
    ward = factories.ward(name="Phường Hòa An", hostname="hoaan.test")
    demo.load(ward)

    lessons = LessonPage.objects.live()
    assert lessons.count() >= 12
    titles = " ".join(lesson.title.lower() for lesson in lessons)
    for words in REQUIRED_TOPICS:
        assert words in titles, words
    for lesson in lessons:
        assert len(lesson.quiz_questions) >= 3, lesson.title
        for question in lesson.quiz_questions:
            assert sum(answer["correct"] for answer in question["answers"]) == 1
            assert all(answer["explanation"] for answer in question["answers"])
        for block in lesson.body:
            if block.block_type == "steps":
                assert all(step["image"] is not None for step in block.value), lesson.title

    site = Client(HTTP_HOST="hoaan.test")
    topics = TopicIndexPage.objects.child_of(ward.site.root_page)
    assert topics.count() == 4
    for topic in topics:
        assert topic.library_topic is not None
        assert site.get(topic.get_url()).content.decode().count('class="card lesson-card"') >= 2

    video = Video.objects.get()
    assert (video.status, video.height) == (Video.Status.READY, 360)
    assert 'preload="none"' in site.get(f"/vneid/{demo.VIDEO_LESSON}/").content.decode()

    counts = (LessonPage.objects.count(), TopicIndexPage.objects.count(), Video.objects.count())
    demo.load(ward)
    assert (
        LessonPage.objects.count(),
        TopicIndexPage.objects.count(),
        Video.objects.count(),
    ) == counts
