"""Journeys in the admin, under /admin/chien-dich/chuoi-nhac/: list, detail, create, edit,
pause / resume and delete."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns import journeys
from campaigns.admin_views.base import AdminPage, chosen_ward, staff_wards
from campaigns.journey_forms import JourneyForm
from campaigns.models import Enrolment, Journey

INDEX = "campaigns_admin:journey_index"
TITLE = gettext_lazy("Chuỗi nhắc việc")


def with_counts(journeys_qs):
    """Each journey with its enrolments counted per status (`count_<status>`)."""
    return journeys_qs.annotate(
        **{
            f"count_{status}": Count("enrolments", filter=Q(enrolments__status=status))
            for status in Enrolment.Status.values
        }
    )


def status_counts(journey) -> list[tuple[str, int]]:
    return [
        (label, getattr(journey, f"count_{value}")) for value, label in Enrolment.Status.choices
    ]


class JourneyIndex(AdminPage):
    page_title = TITLE
    template_name = "campaigns/admin/journey_index.html"
    permission = "campaigns.view_journey"

    def get(self, request):
        wards = staff_wards(request.user)
        rows = with_counts(
            Journey.objects.for_user(request.user).filter(ward__in=wards).select_related("ward")
        ).order_by("ward", "name")
        listed = [(journey, status_counts(journey)) for journey in rows]
        return self.render(
            rows=listed,
            wards=wards,
            statuses=Enrolment.Status.labels,
            can_add=request.user.has_perm("campaigns.add_journey"),
        )


class JourneyPage(AdminPage):
    """A page about one journey of the user's wards (another ward's id answers 404)."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        journey = (
            with_counts(
                Journey.objects.for_user(request.user).filter(
                    ward__in=staff_wards(request.user), pk=kwargs["pk"]
                )
            )
            .select_related("ward")
            .first()
        )
        if journey is None:
            raise Http404
        self.journey = journey

    def extra_breadcrumbs(self):
        return [{"url": reverse(INDEX), "label": TITLE}]


class JourneyDetail(JourneyPage):
    template_name = "campaigns/admin/journey_detail.html"
    permission = "campaigns.view_journey"

    def get_page_title(self):
        return self.journey.name

    def get(self, request, pk):
        return self.render(
            journey=self.journey,
            steps=self.journey.steps.order_by("position"),
            counts=status_counts(self.journey),
            can_change=request.user.has_perm("campaigns.change_journey"),
            can_delete=request.user.has_perm("campaigns.delete_journey"),
        )


class JourneyFormPage(AdminPage):
    template_name = "campaigns/admin/journey_form.html"

    def form(self, data=None):
        return JourneyForm(data, ward=self.ward, instance=getattr(self, "journey", None))

    def get(self, request, **kwargs):
        self.ward = self.ward_of(request)
        return self.render(form=self.form(), ward=self.ward)

    def post(self, request, **kwargs):
        self.ward = self.ward_of(request)
        form = self.form(request.POST)
        if not form.is_valid():
            messages.error(request, _("Chưa lưu được. Vui lòng sửa các ô báo lỗi bên dưới."))
            return self.render(status=400, form=form, ward=self.ward)
        data = form.cleaned_data
        journey = journeys.journey_save(
            ward=self.ward,
            by=request.user,
            journey=getattr(self, "journey", None),
            steps=data["steps"],
            **{name: data[name] for name in journeys.JOURNEY_FIELDS},
        )
        messages.success(request, _("Đã lưu “%(name)s”.") % {"name": journey.name})
        return redirect("campaigns_admin:journey_detail", journey.pk)


class JourneyCreate(JourneyFormPage):
    page_title = gettext_lazy("Chuỗi nhắc việc mới")
    permission = "campaigns.add_journey"

    def extra_breadcrumbs(self):
        return [{"url": reverse(INDEX), "label": TITLE}]

    def ward_of(self, request):
        return chosen_ward(request)


class JourneyEdit(JourneyFormPage, JourneyPage):
    permission = "campaigns.change_journey"

    def get_page_title(self):
        return _("Sửa “%(name)s”") % {"name": self.journey.name}

    def ward_of(self, request):
        return self.journey.ward


class JourneyAction(JourneyPage):
    """Pause, resume or delete a journey: GET asks to confirm, POST does it."""

    template_name = "campaigns/admin/journey_confirm.html"
    permission = "campaigns.change_journey"
    action = ""  # "pause", "resume" or "delete"

    def dispatch(self, request, *args, **kwargs):
        if self.action == "delete" and not request.user.has_perm("campaigns.delete_journey"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.journey.name

    def get(self, request, pk):
        in_use = sum(n for _label, n in status_counts(self.journey))
        return self.render(journey=self.journey, action=self.action, in_use=in_use)

    def post(self, request, pk):
        journey, name = self.journey, {"name": self.journey.name}
        if self.action == "delete":
            try:
                journeys.journey_delete(journey=journey, by=request.user)
            except journeys.JourneyInUse:
                messages.error(
                    request,
                    _(
                        "Không xóa được “%(name)s”: đã có người dân trong chuỗi. "
                        "Hãy tạm dừng chuỗi để giữ lại lịch sử."
                    )
                    % name,
                )
                return redirect("campaigns_admin:journey_detail", journey.pk)
            messages.success(request, _("Đã xóa “%(name)s”.") % name)
            return redirect(INDEX)
        active = self.action == "resume"
        journeys.journey_set_active(journey=journey, by=request.user, active=active)
        done = _("Đã cho chạy lại “%(name)s”.") if active else _("Đã tạm dừng “%(name)s”.")
        messages.success(request, done % name)
        return redirect("campaigns_admin:journey_detail", journey.pk)
