"""Demo lessons: the city library (learning.demo_content) shown on the demo ward's site.

Idempotent: pages, pictures and the video are looked up by slug or title before being made.
"""

import tempfile
import uuid
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.html import escape
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale

from learning import demo_media, tasks
from learning.demo_content import LESSONS, TOPICS, english
from learning.models import LessonLibraryPage, LessonPage, TopicIndexPage, Video
from learning.services import library_create, video_set_status
from wards.translations import IN_SOURCE_LANGUAGE

VIDEO_LESSON = "cai-dat-vneid-dang-ky-muc-1"
VIDEO_TITLE = "Video mẫu: cài VNeID trên điện thoại"
VIDEO_CAPTIONS = """WEBVTT

00:00:00.000 --> 00:00:04.000
Mở CH Play, tìm ứng dụng VNeID của Bộ Công an.

00:00:04.000 --> 00:00:08.000
Bấm Cài đặt, rồi mở ứng dụng để đăng ký.
"""


def load(ward) -> None:
    with transaction.atomic():
        library = LessonLibraryPage.objects.filter(IN_SOURCE_LANGUAGE).first() or library_create(
            title=f"Thư viện bài học — {ward.province or ward.name}",
            intro="Bài học chung của thành phố, hiện trên trang của mọi phường.",
        )
        library_topics = {topic["slug"]: _library_topic(library, topic) for topic in TOPICS}
        _ward_topics(ward, library_topics)
    video = _demo_video()
    for lesson in LESSONS:
        with transaction.atomic():
            _lesson(
                library_topics[lesson["topic"]],
                lesson,
                video if lesson["slug"] == VIDEO_LESSON else None,
            )
    with transaction.atomic():
        _english_lesson(library_topics["vneid"], english.LESSON_01, video)


def _library_topic(library, topic) -> TopicIndexPage:
    existing = TopicIndexPage.objects.child_of(library).filter(slug=topic["slug"]).first()
    if existing:
        return existing
    page = TopicIndexPage(title=topic["title"], slug=topic["slug"], intro=topic["intro"])
    library.add_child(instance=page)
    page.save_revision().publish()
    return page


def _ward_topics(ward, library_topics) -> None:
    home = ward.site.root_page
    for topic in TOPICS:
        if TopicIndexPage.objects.child_of(home).filter(slug=topic["slug"]).exists():
            continue
        page = TopicIndexPage(
            title=topic["title"],
            slug=topic["slug"],
            intro=topic["intro"],
            library_topic=library_topics[topic["slug"]],
            show_in_menus=True,
        )
        home.add_child(instance=page)
        page.save_revision().publish()


def _lesson(topic, lesson: dict, video) -> LessonPage:
    existing = LessonPage.objects.child_of(topic).filter(slug=lesson["slug"]).first()
    if existing:
        return existing
    page = LessonPage(
        title=lesson["title"],
        slug=lesson["slug"],
        summary=lesson["summary"],
        difficulty=lesson["difficulty"],
        audience=lesson["audience"],
        minutes=lesson.get("minutes"),
        milestone=lesson.get("milestone") or "",
        body=_body(lesson, video),
    )
    topic.add_child(instance=page)
    page.save_revision().publish()
    return page


def _english_lesson(topic, written: dict, video) -> LessonPage | None:
    """The English copy of one library lesson, made as the admin's "Translate" action makes it
    (its library and topic become aliases), then written in English and published."""
    locale = Locale.objects.filter(language_code="en").first()
    source = LessonPage.objects.child_of(topic).filter(slug=written["slug"]).first()
    if locale is None or source is None:
        return None
    existing = source.get_translation_or_none(locale)
    if existing is not None:
        return existing
    vietnamese = next(lesson for lesson in LESSONS if lesson["slug"] == written["slug"])
    page = source.copy_for_translation(locale, copy_parents=True)
    page.title, page.summary, page.audience = (
        written["title"],
        written["summary"],
        written["audience"],
    )
    page.body = _body(written, video, pictures_of=vietnamese)
    page.save_revision().publish()
    return page


def _block(kind: str, value) -> dict:
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def _body(lesson: dict, video, pictures_of: dict | None = None) -> list:
    """The lesson's blocks; a translation shows the pictures of the lesson it translates."""
    pictures = pictures_of or lesson
    blocks = []
    for (kind, value), (_kind, shots) in zip(lesson["body"], pictures["body"], strict=True):
        if kind == "text":
            blocks.append(_block("text", f"<p>{escape(value)}</p>"))
        elif kind in ("tip", "warning"):
            blocks.append(_block(kind, value))
        elif kind == "steps":
            items = [
                {
                    "type": "item",
                    "id": str(uuid.uuid4()),
                    "value": {
                        "title": step["title"],
                        "caption": step.get("caption", ""),
                        "image": _screenshot(pictures, number, shot).pk,
                    },
                }
                for (number, step), shot in zip(enumerate(value, start=1), shots, strict=True)
            ]
            blocks.append(_block("steps", items))
        elif kind == "quiz":
            if lesson.get("try_url"):
                blocks.append(
                    _block("try_it", {"url": lesson["try_url"], "label": lesson["try_label"]})
                )
            blocks.append(_block("quiz", [_question(question) for question in value]))
    if video is not None:
        # After the opening paragraphs, before the steps it shows.
        leading = next((i for i, block in enumerate(blocks) if block["type"] != "text"), 0)
        blocks.insert(leading, _block("video", {"video": video.pk, "caption": video.title}))
    return blocks


def _question(question: dict) -> dict:
    return {
        "type": "item",
        "id": str(uuid.uuid4()),
        "value": {
            "question": question["question"],
            "answers": [
                {"type": "item", "id": str(uuid.uuid4()), "value": answer}
                for answer in question["answers"]
            ],
        },
    }


def _screenshot(lesson: dict, number: int, step: dict):
    Image = get_image_model()
    title = f"{lesson['title']} — bước {number}"
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    png = demo_media.phone_screen(
        app=lesson["title"], number=number, title=step["title"], caption=step.get("caption", "")
    )
    image = Image(
        title=title,
        file=ImageFile(ContentFile(png), name=f"{lesson['slug']}-buoc-{number}.png"),
        collection=Collection.get_first_root_node(),
    )
    image.save()
    return image


def _demo_video() -> Video:
    """A short clip run through the real transcoding task, so the player has real renditions."""
    video = Video.objects.filter(title=VIDEO_TITLE, ward__isnull=True).first()
    if video is None:
        with tempfile.TemporaryDirectory() as folder:
            clip = demo_media.demo_clip(Path(folder) / "vneid-demo.mp4", title="Cài VNeID")
            video = Video(title=VIDEO_TITLE)
            video.original.save(clip.name, ContentFile(clip.read_bytes()), save=False)
            video.captions.save("captions.vtt", ContentFile(VIDEO_CAPTIONS.encode()), save=False)
            video.save()
    if video.status == Video.Status.FAILED:
        video_set_status(video=video, to=Video.Status.PENDING)
    if video.status != Video.Status.READY:
        tasks.video_process(video.pk)
        video.refresh_from_db()
    return video
