"""Lesson trees for the learning tests: a province library, two wards, their topics and lessons."""

import subprocess
import uuid
from types import SimpleNamespace

import imageio_ffmpeg
import pytest
from django.test import Client

from learning.models import LessonPage, TopicIndexPage
from learning.services import library_create


def block(kind, value):
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def item(value):
    return {"type": "item", "value": value, "id": str(uuid.uuid4())}


def quiz(*questions):
    """quiz(("Question?", ["right answer", "wrong", "wrong"]), ...): the first answer is right."""
    return block(
        "quiz",
        [
            item(
                {
                    "question": question,
                    "answers": [
                        item({"text": text, "correct": i == 0, "explanation": f"Vì {text}."})
                        for i, text in enumerate(answers)
                    ],
                }
            )
            for question, answers in questions
        ],
    )


def steps(*titles):
    return block(
        "steps", [item({"title": title, "caption": "", "image": None}) for title in titles]
    )


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def lesson(parent, title, *, text="", body=None, slug=None, **fields):
    content = body if body is not None else [block("text", f"<p>{text or title}</p>")]
    return publish(
        parent,
        LessonPage(
            title=title,
            slug=slug or f"bai-{uuid.uuid4().hex[:8]}",
            summary=title,
            body=content,
            **fields,
        ),
    )


def topic(parent, title, slug, **fields):
    return publish(parent, TopicIndexPage(title=title, slug=slug, **fields))


THREE_QUESTIONS = quiz(
    ("Tải VNeID ở đâu?", ["CH Play hoặc App Store", "Link lạ trên Zalo", "Trang web bất kỳ"]),
    ("Ai được biết mật khẩu?", ["Chỉ mình bạn", "Người gọi xưng công an", "Hàng xóm"]),
    ("Mức 2 kích hoạt ở đâu?", ["Trong ứng dụng VNeID", "Ở ngân hàng", "Qua tin nhắn lạ"]),
)


@pytest.fixture
def lessons(two_wards):
    """Ward A shows the library's VNeID topic and has its own lesson; ward B links the same topic.

    `lessons.vneid` (library, 3-question quiz, milestone), `lessons.level2` (library),
    `lessons.own` (ward A only), and the topic pages of both wards.
    """
    library = library_create(title="Thư viện bài học Thành phố Thử")
    library_vneid = topic(library, "VNeID", "vneid")
    vneid = lesson(
        library_vneid,
        "Cài ứng dụng VNeID",
        slug="cai-dat-vneid",
        body=[
            block("text", "<p>Cài VNeID từ CH Play.</p>"),
            steps("Mở CH Play", "Tìm VNeID"),
            THREE_QUESTIONS,
        ],
        milestone="vneid_level1",
    )
    level2 = lesson(
        library_vneid,
        "Kích hoạt tài khoản VNeID mức 2",
        slug="kich-hoat-muc-2",
        text="Sau khi công an cấp tài khoản mức 2, bạn kích hoạt trong ứng dụng.",
    )
    home_a, home_b = two_wards.a.site.root_page, two_wards.b.site.root_page
    topic_a = topic(home_a, "VNeID", "vneid", library_topic=library_vneid)
    topic_b = topic(home_b, "Định danh", "dinh-danh", library_topic=library_vneid)
    own_topic = topic(home_a, "Tin tức phường", "tin-tuc")
    own = lesson(
        topic_a, "Lịch hỗ trợ VNeID tại phường", slug="lich-ho-tro", text="Thứ Bảy tại nhà văn hóa."
    )
    return SimpleNamespace(
        library=library,
        library_vneid=library_vneid,
        vneid=vneid,
        level2=level2,
        topic_a=topic_a,
        topic_b=topic_b,
        own_topic=own_topic,
        own=own,
        wards=two_wards,
    )


@pytest.fixture
def citizen():
    """A phone on ward A's site."""
    return Client(HTTP_HOST="anbinh.test")


@pytest.fixture(scope="session")
def tiny_clip(tmp_path_factory):
    """A 2-second 640×360 clip with sound, made by the bundled ffmpeg."""
    path = tmp_path_factory.mktemp("clips") / "tiny.mp4"
    subprocess.run(
        [
            imageio_ffmpeg.get_ffmpeg_exe(),
            "-nostdin",
            "-loglevel",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=640x360:rate=25:duration=2",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:duration=2",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-c:a",
            "aac",
            "-shortest",
            str(path),
        ],
        check=True,
        timeout=60,
    )
    return path
