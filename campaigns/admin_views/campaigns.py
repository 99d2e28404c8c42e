"""Campaign screens: list, build (with live audience count and previews), detail, results."""

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns import audience, estimate, results, services
from campaigns.admin_forms import CampaignForm
from campaigns.admin_views.base import AdminPage, CampaignPage, chosen_ward, staff_wards
from campaigns.models import Campaign, Exclusion, Recipient
from wards.models import Milestone
from wards.phones import display_phone

FORM_TEMPLATE = "campaigns/admin/campaign_form.html"


class CampaignIndex(AdminPage):
    page_title = gettext_lazy("Chiến dịch tin nhắn")
    template_name = "campaigns/admin/campaign_index.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get(self, request):
        wards = staff_wards(request.user)
        campaigns = (
            Campaign.objects.for_user(request.user)
            .filter(ward__in=wards)
            .select_related("ward", "channel")
        )
        return self.render(campaigns=campaigns, wards=wards)


AUDIENCE_FIELDS = ("goal", "areas", "requires", "lacks", "min_age", "max_age")


def audience_panel(request, form) -> dict | None:
    """Live count by reason and per-recipient previews for a (possibly unsaved) campaign form.

    Counts need only the audience fields to be valid; previews and cost need the whole form.
    """
    if any(name in form.errors for name in AUDIENCE_FIELDS) or "goal" not in form.cleaned_data:
        return None
    data = form.cleaned_data
    spec = audience.AudienceSpec(
        ward=form.ward,
        goal=data["goal"],
        area_ids=[area.pk for area in data.get("areas") or []],
        requires=data.get("requires", ""),
        lacks=data.get("lacks", ""),
        min_age=data.get("min_age"),
        max_age=data.get("max_age"),
    )
    resolved = audience.resolve(spec, request.user)
    holdout = resolved.estimated_holdout(data.get("holdout_percent") or 0)
    cost = None
    if form.is_valid():
        draft = form.save(commit=False)
        draft.ward = form.ward
        people = estimate.draft_people(resolved, form.ward)
        cost = estimate.estimate(draft, people[: max(len(people) - holdout, 0)])
    return {
        "targeted": resolved.targeted,
        "eligible": resolved.eligible,
        "holdout": holdout,
        "to_send": resolved.eligible - holdout,
        "excluded": [(Exclusion(reason).label, n) for reason, n in resolved.excluded.most_common()],
        "estimate": cost,
    }


class CampaignFormPage(AdminPage):
    template_name = FORM_TEMPLATE
    permission = "campaigns.add_campaign"

    def form(self, data=None):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        return self.render(form=self.form(), ward=self.ward)

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        valid = form.is_valid()
        context = {"form": form, "ward": self.ward}
        if request.POST.get("action") == "preview" or request.GET.get("partial"):
            context["panel"] = audience_panel(request, form)
            if request.GET.get("partial"):
                return render(request, "campaigns/admin/audience_panel.html", context)
            return self.render(status=200 if valid else 400, **context)
        if not valid:
            messages.error(request, _("Chưa lưu được. Vui lòng sửa các ô báo lỗi bên dưới."))
            return self.render(status=400, **context)
        fields = {name: form.cleaned_data[name] for name in services.CAMPAIGN_FIELDS}
        campaign = self.save(fields, form.cleaned_data["areas"])
        messages.success(request, _("Đã lưu chiến dịch “%(name)s”.") % {"name": campaign.name})
        return redirect("campaigns_admin:detail", campaign.pk)


class CampaignCreate(CampaignFormPage):
    page_title = gettext_lazy("Tạo chiến dịch")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.ward = chosen_ward(request) if request.user.is_authenticated else None

    def get(self, request, *args, **kwargs):
        services.console_account_ensure(ward=self.ward)
        return super().get(request, *args, **kwargs)

    def form(self, data=None):
        initial = {
            "goal": Milestone.VNEID_LEVEL2_ACTIVATED,
            "holdout_percent": 10,
            "conversion_window_days": 30,
        }
        return CampaignForm(data, ward=self.ward, initial=initial)

    def save(self, fields, areas):
        return services.campaign_create(ward=self.ward, by=self.request.user, areas=areas, **fields)


class CampaignEdit(CampaignPage, CampaignFormPage):
    page_title = gettext_lazy("Sửa chiến dịch")
    permission = "campaigns.change_campaign"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.ward = self.campaign.ward

    def dispatch(self, request, *args, **kwargs):
        if request.user.has_perm(self.permission) and not self.campaign.is_editable:
            messages.warning(request, _("Chỉ sửa được chiến dịch ở trạng thái bản nháp."))
            return redirect("campaigns_admin:detail", self.campaign.pk)
        return super().dispatch(request, *args, **kwargs)

    def form(self, data=None):
        return CampaignForm(data, ward=self.ward, instance=self.campaign)

    def save(self, fields, areas):
        return services.campaign_update(
            campaign=self.campaign, by=self.request.user, areas=areas, **fields
        )


class CampaignDetail(CampaignPage):
    template_name = "campaigns/admin/campaign_detail.html"

    def get_page_title(self):
        return self.campaign.name

    def extra_breadcrumbs(self):
        return []

    def get(self, request, pk):
        campaign = self.campaign
        context = {"campaign": campaign, "progress": results.progress(campaign)}
        if campaign.status == Campaign.Status.DRAFT:
            context["draft"] = True
        else:
            rows = Recipient.objects.for_user(request.user).filter(campaign=campaign)
            first = (
                rows.treatment()
                .select_related("resident", "area")
                .exclude(status=Recipient.Status.SKIPPED)[:5]
            )
            context["previews"] = [
                {
                    "name": row.resident.full_name if row.resident else "",
                    "area": row.area.name if row.area else "",
                    "text": row.body
                    or estimate.render_for(
                        campaign,
                        row.channel_account,
                        row.resident.full_name if row.resident else "",
                        row.area.name if row.area else "",
                        row.link_code or estimate.SAMPLE_CODE,
                    ),
                }
                for row in first
            ]
            context["estimate"] = estimate.estimate(
                campaign, estimate.frozen_people(campaign), previews=0
            )
        context["actions"] = available_actions(request.user, campaign)
        return self.render(**context)


ACTIONS = {
    # action: (permission, allowed from, label)
    "submit": ("campaigns.change_campaign", {"draft"}, gettext_lazy("Chốt danh sách và gửi")),
    "pause": ("campaigns.change_campaign", {"sending", "paused"}, gettext_lazy("Tạm dừng")),
    "resume": ("campaigns.change_campaign", {"paused"}, gettext_lazy("Tiếp tục gửi")),
    "resend_in_doubt": (
        "campaigns.change_campaign",
        {"paused"},
        gettext_lazy("Gửi lại các tin chưa rõ"),
    ),
    "finish": ("campaigns.change_campaign", {"paused"}, gettext_lazy("Kết thúc, không gửi tiếp")),
    "unschedule": (
        "campaigns.change_campaign",
        {"scheduled", "awaiting_approval"},
        gettext_lazy("Đưa về bản nháp để sửa"),
    ),
    "cancel": (
        "campaigns.change_campaign",
        {"draft", "awaiting_approval", "scheduled", "sending", "paused"},
        gettext_lazy("Hủy chiến dịch"),
    ),
}


def available_actions(user, campaign) -> list[tuple[str, str]]:
    found = []
    for name, (permission, states, label) in ACTIONS.items():
        if campaign.status not in states or not user.has_perm(permission):
            continue
        if name == "resend_in_doubt" and campaign.pause_reason != Campaign.PauseReason.IN_DOUBT:
            continue
        if name == "pause" and campaign.pause_reason == Campaign.PauseReason.STAFF:
            continue
        found.append((name, label))
    return found


class CampaignAction(CampaignPage):
    permission = "campaigns.change_campaign"
    http_method_names = ["post"]

    def post(self, request, pk):
        action, campaign, user = request.POST.get("action"), self.campaign, request.user
        if action not in dict(available_actions(user, campaign)):
            messages.error(request, _("Thao tác này không dùng được ở trạng thái hiện tại."))
            return redirect("campaigns_admin:detail", pk)
        if action == "submit" and request.POST.get("confirmed") != "1":
            return self.render_confirm(request, campaign)
        try:
            if action == "submit":
                services.campaign_submit(campaign=campaign, by=user)
                if campaign.status == Campaign.Status.AWAITING_APPROVAL:
                    messages.success(request, _("Chiến dịch lớn: đã gửi lãnh đạo phường duyệt."))
                else:
                    messages.success(request, _("Đã lên lịch gửi."))
            elif action == "unschedule":
                if campaign.status == Campaign.Status.AWAITING_APPROVAL:
                    services.campaign_transition(campaign=campaign, to="draft", by=user)
                else:
                    services.campaign_unschedule(campaign=campaign, by=user)
            else:
                handler = {
                    "pause": services.campaign_pause,
                    "resume": services.campaign_resume,
                    "cancel": services.campaign_cancel,
                    "finish": services.campaign_finish,
                    "resend_in_doubt": services.campaign_resend_in_doubt,
                }[action]
                handler(campaign=campaign, by=user)
        except ValidationError as problem:
            messages.error(request, " ".join(problem.messages))
        return redirect("campaigns_admin:detail", pk)

    def render_confirm(self, request, campaign):
        """“Chốt danh sách và gửi” sends to many people at once: say how many, on which channel
        and at what cost, and send only when staff confirm."""
        self.template_name = "campaigns/admin/campaign_confirm.html"
        return self.render(campaign=campaign, summary=launch_summary(request.user, campaign))


def launch_summary(user, campaign) -> dict:
    resolved = audience.resolve(audience.AudienceSpec.of(campaign), user)
    holdout = resolved.estimated_holdout(campaign.holdout_percent)
    to_send = max(resolved.eligible - holdout, 0)
    people = estimate.draft_people(resolved, campaign.ward)[:to_send]
    return {
        "to_send": to_send,
        "holdout": holdout,
        "channel": campaign.channel,
        "estimate": estimate.estimate(campaign, people, previews=0),
        "needs_approval": services.needs_approval(campaign, to_send),
    }


class CampaignProgress(CampaignPage):
    def get(self, request, pk):
        return JsonResponse(results.progress(self.campaign))


class CampaignResults(CampaignPage):
    template_name = "campaigns/admin/campaign_results.html"
    page_title = gettext_lazy("Kết quả")

    def get(self, request, pk):
        return self.render(campaign=self.campaign, results=results.campaign_results(self.campaign))


class CampaignExport(CampaignPage):
    """Every recipient with status and reason, for follow-up by phone or visit (logged)."""

    permission = "campaigns.view_recipient"

    def get(self, request, pk):
        if not request.user.has_perm("campaigns.view_recipient"):
            raise PermissionDenied
        rows = (
            Recipient.objects.for_user(request.user)
            .filter(campaign=self.campaign)
            .select_related("resident", "area", "channel_account")
        )
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = (
            f'attachment; filename="chien-dich-{self.campaign.pk}-nguoi-nhan-{stamp}.csv"'
        )
        response.write("\ufeff")  # Excel opens UTF-8 with Vietnamese correctly only with a BOM
        writer = csv.writer(response)
        writer.writerow(
            [
                _("Họ và tên"),
                _("Khu phố"),
                _("Điện thoại"),
                _("Kênh"),
                _("Trạng thái"),
                _("Lý do"),
                _("Mã lỗi"),
                _("Gửi lúc"),
                _("Đến máy lúc"),
                _("Mở liên kết lúc"),
            ]
        )
        count = 0
        for row in rows.iterator(chunk_size=2000):
            writer.writerow(
                [
                    row.resident.full_name if row.resident else "",
                    row.area.name if row.area else "",
                    display_phone(row.phone) if row.phone.startswith("+84") else row.phone,
                    row.channel_account.name if row.channel_account else "",
                    row.get_status_display(),
                    row.reason_label,
                    row.error_code,
                    _local(row.sent_at),
                    _local(row.delivered_at),
                    _local(row.first_clicked_at),
                ]
            )
            count += 1
        services.recipients_export_logged(campaign=self.campaign, by=request.user, count=count)
        return response


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M") if moment else ""
