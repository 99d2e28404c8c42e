"""Editors' report: per lesson, how many learners started, finished, and their average score."""

from django.db.models import Avg, Count, Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from learning.models import LessonLibraryPage, LessonPage, LessonProgress
from wards import scoping
from wards.models import Ward
from wards.translations import IN_SOURCE_LANGUAGE


class PercentColumn(Column):
    def get_value(self, instance):
        value = super().get_value(instance)
        return "—" if value is None else f"{int(value + 0.5)} %"


def lessons_for(user):
    """The library's lessons and those of the wards the user reads aggregates of, in Vietnamese
    (progress is kept on the Vietnamese lesson, whichever language it was read in)."""
    if scoping.is_province_admin(user):
        return LessonPage.objects.filter(IN_SOURCE_LANGUAGE)
    paths = list(
        LessonLibraryPage.objects.filter(IN_SOURCE_LANGUAGE).values_list("path", flat=True)
    )
    paths += [
        ward.site.root_page.path
        for ward in Ward.objects.for_aggregates(user).select_related("site__root_page")
    ]
    shown = Q(pk__in=[])
    for path in paths:
        shown |= Q(path__startswith=path)
    return LessonPage.objects.filter(shown, IN_SOURCE_LANGUAGE)


class LessonProgressReportView(ReportView):
    page_title = _("Tiến độ học theo bài")
    header_icon = "tick"
    index_url_name = "learning_progress_report"
    index_results_url_name = "learning_progress_report_results"
    permission_policy = ModelPermissionPolicy(LessonProgress)
    permission_required = "view"
    paginate_by = 100
    columns = [
        Column("title", label=_("Bài học")),
        Column("started", label=_("Số người bắt đầu")),
        Column("completed", label=_("Số người học xong")),
        PercentColumn("average_percent", label=_("Điểm trung bình (điểm cao nhất mỗi người)")),
    ]
    list_export = ["title", "started", "completed", "average_percent"]
    export_headings = {
        "title": _("Bài học"),
        "started": _("Số người bắt đầu"),
        "completed": _("Số người học xong"),
        "average_percent": _("Điểm trung bình (%)"),
    }

    def get_filename(self):
        return "tien-do-hoc"

    def get_queryset(self):
        user = self.request.user
        counted = Q(progress__learner__ward__in=Ward.objects.for_aggregates(user))
        done = counted & Q(progress__status=LessonProgress.Status.COMPLETED)
        return (
            lessons_for(user)
            .annotate(
                started=Count("progress", filter=counted),
                completed=Count("progress", filter=done),
                average_percent=Avg("progress__best_percent", filter=counted),
            )
            .order_by("-started", "path")
        )
