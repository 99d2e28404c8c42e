"""Ward leaders approve big campaigns and read results here, outside the Wagtail admin.

Leaders have no admin access (they read aggregates, never residents' names or numbers), so
approval is a small page of its own: what will be sent, to how many, at what cost, and a sample
with a made-up name.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from campaigns import estimate, results, services
from campaigns.models import Campaign


def _campaigns(request, permission: str):
    if not request.user.has_perm(permission):
        raise PermissionDenied
    return Campaign.objects.for_aggregates(request.user).select_related("ward", "channel")


def summary(campaign: Campaign) -> dict:
    """What a leader needs to decide: counts by outcome of the frozen audience, cost, a sample."""
    rows = campaign.recipients
    counts = {
        "to_send": rows.treatment().count(),
        "holdout": rows.filter(status="holdout").count(),
        "excluded": rows.filter(status="excluded").count(),
    }
    cost = estimate.estimate(campaign, estimate.frozen_people(campaign), previews=0)
    name, area = estimate.SAMPLE_PERSON
    sample = estimate.render_for(campaign, campaign.channel, name, area)
    return {
        "counts": counts,
        "estimate": cost,
        "sample": sample,
        "areas": list(campaign.areas.all()),
    }


@login_required
def approvals(request):
    campaigns = _campaigns(request, "campaigns.approve_campaign")
    return render(
        request,
        "campaigns/leader_list.html",
        {
            "waiting": campaigns.awaiting_approval(),
            "recent": campaigns.exclude(
                status__in=(Campaign.Status.DRAFT, Campaign.Status.AWAITING_APPROVAL)
            )[:20],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def approval(request, pk):
    campaign = get_object_or_404(_campaigns(request, "campaigns.approve_campaign"), pk=pk)
    context = {"campaign": campaign, **summary(campaign)}
    if request.method == "POST":
        action = request.POST.get("action")
        note = request.POST.get("note", "").strip()
        try:
            if action == "approve":
                services.campaign_approve(campaign=campaign, by=request.user)
                messages.success(request, _("Đã duyệt. Chiến dịch sẽ được gửi theo lịch."))
                return redirect("campaigns:approvals")
            if action == "send_back":
                if not note:
                    context["error"] = _("Hãy ghi lý do để cán bộ truyền thông sửa lại.")
                    return render(request, "campaigns/leader_approval.html", context, status=400)
                services.campaign_send_back(campaign=campaign, by=request.user, note=note)
                messages.success(request, _("Đã trả lại chiến dịch cho cán bộ truyền thông."))
                return redirect("campaigns:approvals")
            context["error"] = _("Vui lòng chọn Duyệt hoặc Trả lại.")
        except ValidationError as problem:
            context["error"] = " ".join(problem.messages)
        context["note"] = note
        return render(request, "campaigns/leader_approval.html", context, status=400)
    return render(request, "campaigns/leader_approval.html", context)


@login_required
def leader_results(request, pk):
    campaign = get_object_or_404(_campaigns(request, "campaigns.view_campaign"), pk=pk)
    return render(
        request,
        "campaigns/leader_results.html",
        {"campaign": campaign, "results": results.campaign_results(campaign)},
    )
