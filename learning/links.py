"""Where each lesson lives on a ward's site: its own lessons, and the library's via its topics."""

from django.db.models import Q
from wagtail.models import Site

from learning.models import LessonPage, TopicIndexPage


class WardLessons:
    """The lessons one ward's site shows, and their addresses on that site."""

    def __init__(self, request=None, *, site=None):
        self.request = request
        site = site or Site.find_for_request(request)
        self.root = site.root_page if site else None
        self.topics = (
            list(TopicIndexPage.objects.live().descendant_of(self.root).order_by("path"))
            if self.root
            else []
        )
        linked = {topic.library_topic_id: topic for topic in self.topics if topic.library_topic_id}
        self._by_library_path = {
            path: linked[pk]
            for pk, path in TopicIndexPage.objects.filter(pk__in=linked).values_list("pk", "path")
        }

    def pages(self):  # the `ward_shared_pages` hook's name for them
        return self.lessons()

    def lessons(self):
        if self.root is None:
            return LessonPage.objects.none()
        shown = Q(path__startswith=self.root.path)
        for path in self._by_library_path:
            shown |= Q(path__startswith=path, depth=len(path) // LessonPage.steplen + 1)
        return LessonPage.objects.live().filter(shown)

    def url(self, lesson) -> str | None:
        if self.root is not None and lesson.path.startswith(self.root.path):
            return lesson.get_url(self.request)
        topic = self._by_library_path.get(lesson.path[: -LessonPage.steplen])
        if topic is None:
            return None
        return f"{topic.get_url(self.request)}{lesson.slug}/"

    def with_urls(self, lessons) -> list:
        """The lessons reachable on this site, each with `ward_url` set."""
        listed = []
        for lesson in lessons:
            lesson.ward_url = self.url(lesson)
            if lesson.ward_url:
                listed.append(lesson)
        return listed
