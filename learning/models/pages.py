"""Lesson pages: a ward's topics and lessons, and the province library every ward shows."""

from django import forms
from django.db import models
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.url_routing import RouteResult

from learning import search
from learning.blocks import LessonStreamBlock
from wards.models import Milestone
from wards.text import nfc
from wards.translations import IN_SOURCE_LANGUAGE, source_of, translations_for_reader


class LessonLibraryPage(Page):
    """The province's (or city's) lessons. It sits beside the wards' sites, under no ward."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["learning.TopicIndexPage"]

    class Meta:
        verbose_name = _("thư viện bài học của tỉnh / thành phố")


class TopicIndexPageForm(WagtailAdminPageForm):
    """The library topic is picked from a short list: ward editors cannot browse the library tree."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("library_topic")
        if field is not None:
            field.widget = forms.Select()
            field.queryset = TopicIndexPage.objects.in_library().order_by("path")
            field.empty_label = _("(không dùng)")
            field.label_from_instance = lambda topic: topic.title


class TopicQuerySet(PageQuerySet):
    def in_library(self):
        library_paths = LessonLibraryPage.objects.filter(IN_SOURCE_LANGUAGE).values_list(
            "path", flat=True
        )
        condition = models.Q(pk__in=[])
        for path in library_paths:
            condition |= models.Q(path__startswith=path)
        return self.filter(condition)


class TopicIndexPage(Page):
    """A topic ("VNeID", "An toàn trên mạng"): its own lessons and those of a library topic."""

    intro = models.TextField(_("giới thiệu"), blank=True)
    library_topic = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ward_topics",
        verbose_name=_("chủ đề trong thư viện của tỉnh"),
        help_text=_(
            "Các bài của chủ đề này trong thư viện tỉnh sẽ hiện ở đây, cùng với bài riêng của phường."
        ),
    )

    objects = PageManager.from_queryset(TopicQuerySet)()

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("library_topic")]
    base_form_class = TopicIndexPageForm
    show_in_menus_default = True
    parent_page_types = ["home.HomePage", "learning.LessonLibraryPage"]
    subpage_types = ["learning.LessonPage"]
    template = "learning/topic_index_page.html"

    class Meta:
        verbose_name = _("chủ đề bài học")

    def full_clean(self, *args, **kwargs):
        self.intro = nfc(self.intro)
        if not self.search_description:
            self.search_description = self.intro[:160]
        super().full_clean(*args, **kwargs)

    def own_lessons(self):
        return LessonPage.objects.child_of(self).live().order_by("path")

    def library_lessons(self):
        if not self.library_topic_id:
            return LessonPage.objects.none()
        return LessonPage.objects.child_of(self.library_topic).live().order_by("path")

    def lessons(self, request=None) -> list:
        """Library lessons first (the basics), then the ward's own; each with `ward_url` set.

        Always the Vietnamese topic's lessons (an English topic lists them too, so progress and
        counts are the same in both languages); `shown` is what the reader sees of each."""
        topic = source_of(self)
        base = self.get_url(request) or ""
        listed = []
        for lesson in [*topic.library_lessons(), *topic.own_lessons()]:
            lesson.ward_url, lesson.ward_topic = f"{base}{lesson.slug}/", topic
            listed.append(lesson)
        translations = translations_for_reader(listed)
        for lesson in listed:
            lesson.shown = translations.get(lesson.pk, lesson)
        return listed

    def route(self, request, path_components):
        """A library lesson is served inside the ward's site at <topic>/<lesson slug>/."""
        try:
            return super().route(request, path_components)
        except Http404:
            if len(path_components) != 1 or not self.library_topic_id or not self.live:
                raise
        lesson = self.library_lessons().filter(slug=path_components[0]).first()
        if lesson is None:
            raise Http404
        return RouteResult(lesson, kwargs={"ward_topic": self})

    def get_context(self, request, *args, **kwargs):
        from learning.learners import progress_by_lesson

        context = super().get_context(request, *args, **kwargs)
        lessons = self.lessons(request)
        progress = progress_by_lesson(request, lessons)
        for lesson in lessons:
            lesson.learner_progress = progress.get(lesson.pk)
        done = sum(1 for entry in progress.values() if entry.is_completed)
        context.update(
            lessons=lessons, lessons_done=done, topic_finished=lessons and done == len(lessons)
        )
        return context


class LessonQuerySet(PageQuerySet):
    def search(self, query: str) -> list:
        """Lessons matching every word of the query, accents and case ignored, best first."""
        terms = search.terms(query)
        if not terms:
            return []
        queryset = self
        for term in terms:
            queryset = queryset.filter(search_text__contains=f" {term} ")
        return search.rank(list(queryset), terms)


class LessonPage(Page):
    """A short how-to: one action per step, a video, a quiz, and a link to the real service."""

    class Difficulty(models.TextChoices):
        EASY = "de", _("Dễ")
        MEDIUM = "vua", _("Vừa")
        HARD = "kho", _("Khó")

    summary = models.CharField(_("tóm tắt"), max_length=255)
    difficulty = models.CharField(
        _("mức độ"), max_length=3, choices=Difficulty.choices, default=Difficulty.EASY
    )
    audience = models.CharField(_("dành cho"), max_length=80, default="Mọi người dân")
    minutes = models.PositiveSmallIntegerField(
        _("thời gian đọc (phút)"),
        null=True,
        blank=True,
        help_text=_("Để trống để máy tự ước tính."),
    )
    milestone = models.CharField(
        _("việc người học làm được sau bài"),
        max_length=32,
        choices=Milestone.choices,
        blank=True,
        help_text=_("Nếu chọn, cuối bài có nút “Tôi đã làm được” để người dân tự báo."),
    )
    body = StreamField(LessonStreamBlock(), verbose_name=_("nội dung"))
    # Derived on save: the folded words of the lesson (wards.text.fold) and a reading estimate.
    search_text = models.TextField(editable=False, default="")
    estimated_minutes = models.PositiveSmallIntegerField(editable=False, default=1)

    objects = PageManager.from_queryset(LessonQuerySet)()

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("difficulty"),
        FieldPanel("audience"),
        FieldPanel("minutes"),
        FieldPanel("milestone"),
        FieldPanel("body"),
    ]
    parent_page_types = ["learning.TopicIndexPage"]
    subpage_types: list = []
    template = "learning/lesson_page.html"

    class Meta:
        verbose_name = _("bài học")
        verbose_name_plural = _("bài học")

    def full_clean(self, *args, **kwargs):
        self.refresh_derived()
        super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        self.refresh_derived()
        return super().save(*args, **kwargs)

    def refresh_derived(self) -> None:
        self.title, self.summary, self.audience = (
            nfc(self.title),
            nfc(self.summary),
            nfc(str(self.audience)),
        )
        if not self.search_description:
            self.search_description = self.summary[:160]
        words = search.lesson_words(self)
        self.search_text = search.searchable(words)
        self.estimated_minutes = search.estimate_minutes(self, words)

    @property
    def reading_minutes(self) -> int:
        return self.minutes or self.estimated_minutes

    @cached_property
    def quiz_questions(self) -> list:
        return [
            question
            for block in self.body
            if block.block_type == "quiz"
            for question in block.value
        ]

    def grade(self, answers: list) -> tuple[int, int]:
        """(correct, total) for answer indexes given in question order; None is unanswered."""
        questions = self.quiz_questions
        correct = 0
        for question, answer in zip(questions, answers, strict=False):
            options = question["answers"]
            if (
                isinstance(answer, int)
                and 0 <= answer < len(options)
                and options[answer]["correct"]
            ):
                correct += 1
        return correct, len(questions)

    def in_library(self) -> bool:
        return LessonLibraryPage.objects.filter(path=self.path[: 2 * self.steplen]).exists()

    def get_context(self, request, *args, ward_topic=None, **kwargs):
        from learning import lesson_context

        context = super().get_context(request, *args, **kwargs)
        context.update(lesson_context.build(self, request, ward_topic=ward_topic))
        return context

    def serve(self, request, *args, **kwargs):
        """The same HTML for every reader (progress is filled in on the phone), so returning
        learners are served from the shared page cache as well."""
        from config.middleware import shared_with_learners

        response = super().serve(request, *args, **kwargs)
        if not getattr(request, "is_preview", False):
            shared_with_learners(response)
        return response
