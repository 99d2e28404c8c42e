"""Staff screens of the offline channels, under /admin/chien-dich/ngoai-tin-nhan/."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns.admin_views.base import AdminPage, chosen_ward, staff_wards
from campaigns.models import BroadcastSlot, Outreach
from campaigns.offline import attribution, codes, forms, loudspeaker, services
from qr import shortlinks

INDEX = "campaigns_admin:outreach_index"


def _posted_id(request, name: str) -> int:
    value = request.POST.get(name, "")
    return int(value) if value.isdigit() and len(value) < 19 else 0


class OutreachIndex(AdminPage):
    page_title = gettext_lazy("Loa, tờ rơi, nhóm Zalo")
    template_name = "campaigns/admin/outreach_index.html"
    permission = "campaigns.view_outreach"

    def extra_breadcrumbs(self):
        return []

    def get(self, request):
        wards = staff_wards(request.user)
        outreaches = (
            Outreach.objects.for_user(request.user)
            .filter(ward__in=wards)
            .select_related("ward")
            .annotate(visits=Count("codes__visits", filter=Q(codes__visits__is_bot=False)))
        )
        return self.render(outreaches=outreaches, wards=wards, kinds=Outreach.Kind.choices)


class OutreachCreate(AdminPage):
    template_name = "campaigns/admin/outreach_form.html"
    permission = "campaigns.add_outreach"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        kind = request.GET.get("kind", "")
        if kind not in Outreach.Kind.values:
            raise Http404
        self.kind = kind
        self.page_title = Outreach.Kind(kind).label

    def extra_breadcrumbs(self):
        return [{"url": reverse(INDEX), "label": _("Loa, tờ rơi, nhóm Zalo")}]

    def form(self, data=None):
        return forms.OutreachForm(data, ward=self.ward, kind=self.kind)

    def render(self, status=200, **context):
        if self.kind == Outreach.Kind.LOUDSPEAKER:
            context["read_time"] = {
                "words_per_minute": loudspeaker.WORDS_PER_MINUTE,
                "max": loudspeaker.MAX_CHARACTERS,
            }
        return super().render(status=status, **context)

    def get(self, request):
        self.ward = chosen_ward(request)
        return self.render(form=self.form(), ward=self.ward)

    def post(self, request):
        self.ward = chosen_ward(request)
        form = self.form(request.POST)
        if not form.is_valid():
            messages.error(request, _("Chưa lưu được. Vui lòng sửa các ô báo lỗi bên dưới."))
            return self.render(status=400, form=form, ward=self.ward)
        data = form.cleaned_data
        outreach = services.outreach_create(
            ward=self.ward,
            by=request.user,
            kind=self.kind,
            areas=data.get("areas", ()),
            printed=data.get("printed", 0),
            groups=data.get("groups", ()),
            **{name: data[name] for name in services.OUTREACH_FIELDS if name in data},
        )
        messages.success(request, _("Đã lưu “%(name)s”.") % {"name": outreach.name})
        return redirect("campaigns_admin:outreach_detail", outreach.pk)


class OutreachPage(AdminPage):
    """A page about one offline campaign of the user's wards (another ward's id answers 404)."""

    permission = "campaigns.view_outreach"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        outreach = (
            Outreach.objects.for_user(request.user)
            .filter(ward__in=staff_wards(request.user), pk=kwargs["pk"])
            .select_related("ward__site__root_page")
            .first()
        )
        if outreach is None:
            raise Http404
        self.outreach = outreach


class OutreachDetail(OutreachPage):
    template_name = "campaigns/admin/outreach_detail.html"

    def get_page_title(self):
        return self.outreach.name

    def extra_breadcrumbs(self):
        return [{"url": reverse(INDEX), "label": _("Loa, tờ rơi, nhóm Zalo")}]

    def context(self, slot_form=None, counts_errors=None):
        outreach = self.outreach
        rows = [
            {
                "code": code,
                "url": codes.url_of(code, outreach.ward),
                "display_url": codes.display_url(codes.url_of(code, outreach.ward)),
                "visits": code.visit_count,
                "errors": (counts_errors or {}).get(code.pk, []),
            }
            for code in outreach.codes.select_related("area").annotate(
                visit_count=Count("visits", filter=Q(visits__is_bot=False))
            )
        ]
        context = {
            "outreach": outreach,
            "rows": rows,
            "can_change": self.request.user.has_perm("campaigns.change_outreach"),
        }
        context["results"] = self.results()
        if outreach.kind == Outreach.Kind.LEAFLET:
            # Printed codes share the posters' length budget ("/t/" + 5 is "/q/" + 5).
            context["host_problem"] = shortlinks.host_problem(outreach.ward)
            context["host_warning"] = shortlinks.host_warning(outreach.ward)
        if outreach.kind == Outreach.Kind.LOUDSPEAKER:
            context["read_time"] = loudspeaker.read_time_label(outreach.text)
            context["slots"] = outreach.slots.select_related("area", "confirmed_by")
            context["slot_form"] = slot_form or forms.SlotForm(ward=outreach.ward)
        return context

    def results(self) -> dict:
        """What the outreach brought, by the channel's own unit (area, slot or group)."""
        outreach = self.outreach
        results = {"comparison": attribution.area_comparison(outreach)}
        if outreach.kind == Outreach.Kind.LEAFLET:
            results["window"], results["codes"] = attribution.code_attribution(outreach)
        elif outreach.kind == Outreach.Kind.LOUDSPEAKER:
            results["slots"] = attribution.slot_attribution(outreach)
        else:
            results["groups"] = attribution.group_link_attribution(outreach)
        return results

    def get(self, request, pk):
        return self.render(**self.context())

    def post(self, request, pk):
        if not request.user.has_perm("campaigns.change_outreach"):
            raise PermissionDenied
        action = request.POST.get("action")
        handler = {
            "counts": self.post_counts,
            "slot_add": self.post_slot_add,
            "slot_confirm": self.post_slot_confirm,
        }.get(action)
        if handler is None:
            messages.error(request, _("Thao tác không hợp lệ."))
            return self.render(status=400, **self.context())
        return handler(request)

    def post_counts(self, request):
        code = self.outreach.codes.filter(pk=_posted_id(request, "code")).first()
        form = forms.LeafletCountsForm(request.POST)
        if code is None or self.outreach.kind != Outreach.Kind.LEAFLET:
            raise Http404
        if not form.is_valid():
            errors = {code.pk: [e for errs in form.errors.values() for e in errs]}
            return self.render(status=400, **self.context(counts_errors=errors))
        services.leaflet_counts_set(code=code, by=request.user, **form.cleaned_data)
        messages.success(request, _("Đã ghi số tờ rơi của %(area)s.") % {"area": code.place})
        return redirect("campaigns_admin:outreach_detail", self.outreach.pk)

    def post_slot_add(self, request):
        if self.outreach.kind != Outreach.Kind.LOUDSPEAKER:
            raise Http404
        form = forms.SlotForm(request.POST, ward=self.outreach.ward)
        if not form.is_valid():
            messages.error(request, _("Chưa thêm được giờ phát. Vui lòng sửa ô báo lỗi."))
            return self.render(status=400, **self.context(slot_form=form))
        services.slot_add(outreach=self.outreach, by=request.user, **form.cleaned_data)
        messages.success(request, _("Đã thêm giờ phát."))
        return redirect("campaigns_admin:outreach_detail", self.outreach.pk)

    def post_slot_confirm(self, request):
        slot = BroadcastSlot.objects.filter(
            outreach=self.outreach, pk=_posted_id(request, "slot")
        ).first()
        if slot is None:
            raise Http404
        if services.slot_confirm(slot=slot, by=request.user):
            messages.success(request, _("Đã ghi nhận lượt phát loa."))
        else:
            messages.info(request, _("Lượt phát này đã được xác nhận trước đó."))
        return redirect("campaigns_admin:outreach_detail", self.outreach.pk)


class LeafletPdf(OutreachDetail):
    """The print file; a detail page (status 409) when it cannot be printed yet."""

    http_method_names = ["get"]

    def get(self, request, pk):
        from campaigns.offline.leaflets import leaflet_pdf  # WeasyPrint is heavy: import on use

        if self.outreach.kind != Outreach.Kind.LEAFLET:
            raise Http404
        problem = shortlinks.host_problem(self.outreach.ward)
        if problem:
            # Nothing to print until the ward's address is short enough for a small code.
            messages.error(request, problem)
            return self.render(status=409, **self.context())
        response = HttpResponse(leaflet_pdf(self.outreach), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="to-roi-{self.outreach.pk}.pdf"'
        return response
