"""The leaders' dashboard and its exports: aggregates only, read from the roll-ups.

Which wards a user may read comes from Ward.objects.for_aggregates (wards/scoping.py): leaders,
ward staff and team leaders see their ward by area; province administrators see every ward.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from stats import exports, homeservice
from stats.forms import FilterForm
from stats.indicators import INDICATORS
from stats.province_cache import province_report
from stats.report import build_report
from wards import scoping
from wards.models import AuditEntry, Ward
from wards.services import audit_record


def _wards(user) -> list[Ward]:
    return list(Ward.objects.for_aggregates(user).order_by("name"))


def _forbidden(request):
    return render(request, "stats/forbidden.html", status=403)


def _resolve(request, slug):
    """(wards, province view?) for the page asked for, or None when nothing may be read."""
    wards = _wards(request.user)
    if slug is not None:
        return [get_object_or_404(Ward.objects.for_aggregates(request.user), slug=slug)], False
    if not wards:
        return None
    if len(wards) == 1 and not scoping.is_province_admin(request.user):
        return wards, False
    return wards, True


def _report(request, wards, province):
    today = timezone.localdate()
    units = wards if province else list(wards[0].areas.order_by("code"))
    form = FilterForm(
        request.GET,
        units=units,
        unit_label=_("Phường") if province else _("Khu phố"),
        today=today,
    )
    if not form.is_valid():
        return form, None
    chosen = form.chosen
    sort, descending = form.sort, form.cleaned_data.get("giam", False)
    if province and not form.cleaned_data.get("sap_xep"):
        sort, descending = INDICATORS[0].key, True  # the ranking, best first
    options = {
        "start": form.cleaned_data["start"],
        "end": form.cleaned_data["end"],
        "today": today,
        "sort": sort,
        "descending": descending,
    }
    if province:
        return form, province_report(wards=chosen or wards, narrowed=bool(chosen), **options)
    return form, build_report(wards=wards, areas=chosen, **options)


def _page_urls(request, slug):
    if slug:
        return {
            "page": reverse("stats:ward", args=[slug]),
            "xlsx": reverse("stats:ward_xlsx", args=[slug]),
            "pdf": reverse("stats:ward_pdf", args=[slug]),
        }
    return {
        "page": reverse("stats:dashboard"),
        "xlsx": reverse("stats:xlsx"),
        "pdf": reverse("stats:pdf"),
    }


def _columns(request, report):
    """Header cells of the sortable table: each a link that sorts by it (again: reversed)."""
    keep = [(k, v) for k, v in request.GET.lists() if k not in ("sap_xep", "giam")]
    params = [(k, v) for k, values in keep for v in values]
    columns = [("name", report.unit_label), ("adults", _("Người từ 18 tuổi"))]
    columns += [(i.key, i.short) for i in INDICATORS]
    columns += [("visited", _("Hộ đã được thăm")), ("overdue", _("Hẹn quay lại quá hạn"))]
    if report.province:
        columns.append(("official", _("Hồ sơ trực tuyến (một cửa)")))
    result = []
    for key, label in columns:
        active = report.sort == key
        descending = not report.descending if active else key != "name"
        query = params + [("sap_xep", key)] + ([("giam", "1")] if descending else [])
        result.append(
            {
                "key": key,
                "label": label,
                "url": "?" + urlencode(query) + "#theo-don-vi",
                "aria_sort": ("descending" if report.descending else "ascending") if active else "",
            }
        )
    return result


def _awaiting_approval(request) -> int | None:
    """How many campaigns wait for this leader's decision (None: they do not approve)."""
    if not request.user.has_perm("campaigns.approve_campaign"):
        return None
    from campaigns.models import Campaign

    return Campaign.objects.for_aggregates(request.user).awaiting_approval().count()


def _dashboard(request, slug=None):
    resolved = _resolve(request, slug)
    if resolved is None:
        return _forbidden(request)
    wards, province = resolved
    form, report = _report(request, wards, province)
    context = {
        "form": form,
        "report": report,
        "province": province,
        "urls": _page_urls(request, slug),
        "query": request.GET.urlencode(),
        "ward_name": wards[0].name if not province else "",
        "awaiting_approval": _awaiting_approval(request),
    }
    if report is None:
        return render(request, "stats/dashboard.html", context, status=400)
    context["columns"] = _columns(request, report)
    context["homeservice"] = homeservice.figures(wards=wards, start=report.start, end=report.end)
    return render(request, "stats/dashboard.html", context)


@login_required
def dashboard(request):
    return _dashboard(request)


@login_required
def ward(request, slug):
    return _dashboard(request, slug)


def _export(request, slug, kind):
    resolved = _resolve(request, slug)
    if resolved is None:
        return _forbidden(request)
    wards, province = resolved
    form, report = _report(request, wards, province)
    if report is None:
        context = {
            "form": form,
            "report": None,
            "province": province,
            "urls": _page_urls(request, slug),
            "query": request.GET.urlencode(),
            "ward_name": wards[0].name if not province else "",
        }
        return render(request, "stats/dashboard.html", context, status=400)
    if kind == "xlsx":
        content, content_type = exports.xlsx(report), exports.XLSX
    else:
        content, content_type = exports.pdf(report), "application/pdf"
    stem = exports.filename(report)
    audit_record(
        actor=request.user,
        action=AuditEntry.Action.EXPORT,
        obj=f"stats-{kind}",
        ward=None if province else wards[0],
        summary=exports.describe(report, kind),
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{stem}.{kind}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def xlsx(request, slug=None):
    return _export(request, slug, "xlsx")


@login_required
def pdf(request, slug=None):
    return _export(request, slug, "pdf")
