"""What a lesson page shows around its content: where it sits and what comes next.

Nothing here depends on the reader: the learner's progress is filled in by learning.js (from the
phone's own store, then `GET /hoc/tien-do/`), so the page is cached for every reader alike.
"""

from django.core.cache import cache

from learning.models import TopicIndexPage
from learning.services import content_version
from wards.translations import shown, source_of

BODY_CACHE_SECONDS = 24 * 3600


def build(lesson, request, *, ward_topic=None) -> dict:
    # An English copy is read in place of its Vietnamese lesson: progress, the topic and the next
    # lesson are the Vietnamese lesson's, so the lesson counts once in either language.
    source = source_of(lesson)
    topic = ward_topic or source.get_parent().specific
    return {
        "lesson_id": source.pk,
        "topic": shown(topic),
        "topic_url": topic.get_url(request),
        "next_lesson": next_lesson(topic, source, request),
        "has_quiz": any(block.get("type") == "quiz" for block in lesson.body.raw_data),
        "body_cache_key": body_cache_key(lesson, request),
    }


def next_lesson(topic, lesson, request) -> dict | None:
    """The following lesson of the topic as shown on this site ({"title", "url"}), cached."""
    if not isinstance(topic, TopicIndexPage):
        return None
    language = getattr(request, "LANGUAGE_CODE", "vi")
    key = (
        f"learning:next:{topic.pk}:{lesson.pk}:{request.get_host()}:{language}:{content_version()}"
    )
    found = cache.get(key)
    if found is None:
        siblings = topic.lessons(request)
        position = next((i for i, item in enumerate(siblings) if item.pk == lesson.pk), None)
        following = (
            siblings[position + 1]
            if position is not None and position + 1 < len(siblings)
            else None
        )
        found = {"title": following.shown.title, "url": following.ward_url} if following else {}
        cache.set(key, found, BODY_CACHE_SECONDS)
    return found or None


def body_cache_key(lesson, request) -> str:
    """The rendered body is the same for every reader of the published page; previews skip it."""
    if getattr(request, "is_preview", False) or not lesson.last_published_at:
        return ""
    language = getattr(request, "LANGUAGE_CODE", "vi")
    stamp = lesson.last_published_at.timestamp()
    return f"{lesson.pk}:{stamp}:{content_version()}:{language}"
