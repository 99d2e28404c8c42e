"""Pages a resident reaches from a message: the tracked link and the opt-out page."""

import re

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from campaigns import services
from campaigns.models import OptOut, OptOutSource, Recipient
from config.ratelimit import rate_limited
from wards.phones import mask_phone
from wards.shared_pages import page_url

# Link-preview fetchers and crawlers: their visit is logged as a bot, never as a click. Zalo's
# in-app browser says "Zalo" too, so that word alone is not a bot.
BOT_AGENT = re.compile(
    r"bot|crawl|spider|slurp|preview|facebookexternalhit|embedly|whatsapp|skypeuri|"
    r"curl|wget|python-|httpx|go-http-client|java/|okhttp|headlessbrowser",
    re.IGNORECASE,
)


def is_prefetch(request) -> bool:
    purpose = request.headers.get("Sec-Purpose", "") or request.headers.get("Purpose", "")
    return "prefetch" in purpose.lower() or "preview" in purpose.lower()


def is_bot(request) -> bool:
    agent = request.headers.get("User-Agent", "")
    return not agent or bool(BOT_AGENT.search(agent))


def _recipient(code: str) -> Recipient:
    recipient = (
        Recipient.objects.select_related("campaign__ward__site", "campaign__target_page")
        .filter(link_code=code)
        .first()
    )
    if recipient is None:
        raise Http404
    return recipient


def target_url(request, recipient: Recipient) -> str:
    campaign = recipient.campaign
    site = campaign.ward.site
    return page_url(campaign.target_page or site.root_page, site, request) or "/"


@require_http_methods(["GET", "HEAD"])
def link(request, code):
    """/l/<code>: a recipient's own link. 302 (a 301 would be cached and hide repeat visits)."""
    recipient = _recipient(code)
    if request.method == "GET" and not is_prefetch(request):
        services.click_record(recipient=recipient, is_bot=is_bot(request))
    response = HttpResponseRedirect(target_url(request, recipient))
    response["Cache-Control"] = "no-store"
    return response


@rate_limited("campaign-opt-out", limit=10, window_seconds=10 * 60)
@require_http_methods(["GET", "POST"])
def opt_out(request, code):
    """/tu-choi/<code>/: stop (or restart) the ward's messages to this number, on every channel."""
    recipient = _recipient(code)
    ward = recipient.campaign.ward
    context = {"phone": mask_phone(recipient.phone), "ward_name": ward.name}
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "out":
            services.opt_out_record(
                ward=ward,
                phone=recipient.phone,
                source=OptOutSource.SELF_SERVICE,
                campaign=recipient.campaign,
            )
            context["done"] = _("Đã xong. Phường sẽ không gửi tin nhắn đến số này nữa.")
        elif action == "in":
            services.opt_in_record(
                ward=ward,
                phone=recipient.phone,
                source=OptOutSource.SELF_SERVICE,
                campaign=recipient.campaign,
            )
            context["done"] = _("Đã xong. Số này sẽ nhận lại tin nhắn của phường.")
        else:
            context["error"] = _("Vui lòng chọn một trong hai nút bên dưới.")
            context["opted_out"] = OptOut.objects.filter(ward=ward, phone=recipient.phone).exists()
            return render(request, "campaigns/opt_out.html", context, status=400)
    context["opted_out"] = OptOut.objects.filter(ward=ward, phone=recipient.phone).exists()
    return render(request, "campaigns/opt_out.html", context)
