from django import template

from learning.learners import current_learner
from learning.links import WardLessons
from learning.models import LessonPage, LessonProgress
from wards.translations import translations_for_reader

register = template.Library()
CONTINUE_COUNT = 3


@register.simple_tag(takes_context=True)
def continue_learning(context) -> list:
    """The learner's latest lessons on this site: unfinished ones first, then finished ones."""
    request = context.get("request")
    learner = current_learner(request) if request else None
    if learner is None:
        return []
    rows = list(LessonProgress.objects.filter(learner=learner).order_by("-updated_at")[:20])
    if not rows:
        return []
    links = WardLessons(request)
    pages = LessonPage.objects.live().in_bulk([row.lesson_id for row in rows])
    lessons = []
    for row in sorted(rows, key=lambda row: row.is_completed):
        lesson = pages.get(row.lesson_id)
        if lesson is not None:
            lesson.learner_progress = row
            lessons.append(lesson)
    recent = links.with_urls(lessons)[:CONTINUE_COUNT]
    translations = translations_for_reader(recent)
    for lesson in recent:
        lesson.shown = translations.get(lesson.pk, lesson)
    return recent
