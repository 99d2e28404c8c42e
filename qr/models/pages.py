"""The citizens' catalogue: one index page per ward; each procedure is a route below it.

Procedures are rows, not pages: the catalogue is imported and exported as a spreadsheet, short
links and scans point at rows, and a page tree of 339 near-identical pages would only slow
editors down. The index page answers `<code>/` for each active procedure of its ward.
"""

from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from wards.text import nfc, vietnamese_sort_key


class ProcedureIndexPage(Page):
    intro = models.TextField(
        _("giới thiệu"),
        blank=True,
        default="Tra cứu giấy tờ cần chuẩn bị, lệ phí, thời hạn và nộp hồ sơ trực tuyến.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list = []
    max_count_per_parent = 1
    show_in_menus_default = True
    template = "qr/procedure_index_page.html"

    class Meta:
        verbose_name = _("danh mục thủ tục hành chính")

    def full_clean(self, *args, **kwargs):
        self.intro = nfc(self.intro)
        if not self.search_description:
            self.search_description = self.intro[:160]
        super().full_clean(*args, **kwargs)

    @property
    def ward(self):
        from wards.models import Ward

        if not hasattr(self, "_ward"):
            self._ward = Ward.objects.filter(site=self.get_site()).first()
        return self._ward

    def procedures(self):
        from qr.models.procedures import Procedure

        return Procedure.objects.filter(ward=self.ward).active()

    def procedure_url(self, procedure, request=None) -> str:
        return f"{self.get_url(request)}{procedure.slug}/"

    def route(self, request, path_components):
        from qr.models.procedures import CODE_PATTERN

        if len(path_components) == 1 and self.live:
            # Wagtail's URLs allow no dots: 1.001193 is served at 1-001193/.
            code = path_components[0].upper().replace("-", ".")
            if CODE_PATTERN.match(code):
                return RouteResult(self, kwargs={"code": code})
        return super().route(request, path_components)

    def serve(self, request, *args, code=None, **kwargs):
        if code is None:
            return super().serve(request, *args, **kwargs)
        procedure = self.procedures().filter(code=code).first()
        if procedure is None:
            raise Http404
        from qr.public import procedure_context

        return TemplateResponse(
            request,
            "qr/procedure_detail.html",
            {**Page.get_context(self, request), **procedure_context(self, procedure, request)},
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        query = request.GET.get("q", "").strip()[:100]
        context["query"] = query
        if query:
            context["results"] = self.procedures().search(query)
        else:
            context["fields"] = _by_field(self.procedures().only("code", "name", "field"))
        return context


def _by_field(procedures) -> list[tuple[str, list]]:
    grouped: dict[str, list] = {}
    for procedure in procedures:
        grouped.setdefault(procedure.field, []).append(procedure)
    return [
        (field, sorted(items, key=lambda p: vietnamese_sort_key(p.name)))
        for field, items in sorted(grouped.items(), key=lambda item: vietnamese_sort_key(item[0]))
    ]
