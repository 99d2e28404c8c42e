from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from learning import admin_views
from learning.admin_forms import VideoForm
from learning.links import WardLessons
from learning.models import Video
from learning.panels import VideoStatusPanel
from learning.reports import LessonProgressReportView


class ScopedChooseMixin:
    def get_object_list(self):
        return Video.objects.for_user(self.request.user)


class VideoChooseView(ScopedChooseMixin, ChooseView):
    pass


class VideoChooseResultsView(ScopedChooseMixin, ChooseResultsView):
    pass


class VideoChooserViewSet(SnippetChooserViewSet):
    choose_view_class = VideoChooseView
    choose_results_view_class = VideoChooseResultsView


class VideoEditView(EditView):
    def get_object(self, queryset=None):
        return super().get_object(Video.objects.editable_by(self.request.user))


class VideoViewSet(SnippetViewSet):
    model = Video
    icon = "media"
    menu_label = _("Video bài học")
    menu_order = 250
    add_to_admin_menu = True
    list_display = [
        "title",
        Column("status_summary", label=_("Trạng thái")),
        Column("duration_label", label=_("Thời lượng")),
        UpdatedAtColumn(),
    ]
    list_filter = ["status"]
    search_fields = ["title"]
    edit_view_class = VideoEditView
    chooser_viewset_class = VideoChooserViewSet
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("original"),
            FieldPanel("captions"),
            VideoStatusPanel(heading=_("Xử lý video")),
        ],
        base_form_class=VideoForm,
    )

    def get_queryset(self, request):
        return Video.objects.for_user(request.user)


register_snippet(VideoViewSet)


@hooks.register("register_admin_urls")
def learning_admin_urls():
    return [
        path("hoc/video/<id:pk>/xu-ly-lai/", admin_views.video_retry, name="learning_video_retry"),
        path(
            "hoc/tien-do/",
            LessonProgressReportView.as_view(),
            name="learning_progress_report",
        ),
        path(
            "hoc/tien-do/results/",
            LessonProgressReportView.as_view(results_only=True),
            name="learning_progress_report_results",
        ),
    ]


class ProgressReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("learning.view_lessonprogress")


@hooks.register("register_reports_menu_item")
def progress_report_menu_item():
    return ProgressReportMenuItem(
        _("Tiến độ học theo bài"),
        reverse("learning_progress_report"),
        name="learning-progress",
        icon_name="tick",
        order=1300,
    )


@hooks.register("ward_shared_pages")
def library_lessons(site, request=None):
    """The province library's lessons this ward's site shows, at their addresses under its topics
    (for a procedure's lessons and a campaign's link; see wards/shared_pages.py)."""
    return WardLessons(request, site=site)
