"""The ward's catalogue of administrative procedures (thủ tục hành chính)."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable

from wards import scoping
from wards.models import Ward
from wards.text import fold, nfc

# National codes: "1.001193", provinces add suffixes such as ".000.00.00.H01".
CODE_PATTERN = re.compile(r"^[0-9]\.[0-9]{6}(\.[0-9A-Z]{1,4})*$")
DEFAULT_PORTAL_URL = (
    "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={code}"
)
_NOT_WORD = re.compile(r"[^0-9a-z.]+")


def validate_code(code: str) -> None:
    if not CODE_PATTERN.match(code or ""):
        raise ValidationError(
            _(
                "Mã thủ tục “%(code)s” không đúng dạng: ghi như 1.001193 (một chữ số, dấu chấm, sáu chữ số)."
            ),
            params={"code": code},
            code="invalid_code",
        )


def validate_portal_pattern(value: str) -> None:
    from django.core.validators import URLValidator

    try:
        URLValidator(schemes=["https", "http"])(value.replace("{code}", "1.001193"))
    except ValidationError as error:
        raise ValidationError(
            _("Đường dẫn phải bắt đầu bằng https:// và có thể chứa {code}."), code="invalid_url"
        ) from error


def searchable(*parts: str) -> str:
    """Folded words padded with spaces, so " khai sinh" matches at word starts on any database."""
    return " " + " ".join(_NOT_WORD.sub(" ", fold(part)).strip() for part in parts if part) + " "


class OnlineLevel(models.TextChoices):
    """How much of the procedure can be done on the national portal; the ward maintains it."""

    FULL = "toan_trinh", _("Toàn trình")
    PARTIAL = "mot_phan", _("Một phần")
    OFFLINE = "khong", _("Không trực tuyến")


POSTER_LEVEL_LABELS = {
    OnlineLevel.FULL: _("Dịch vụ công trực tuyến toàn trình"),
    OnlineLevel.PARTIAL: _("Dịch vụ công trực tuyến một phần"),
    OnlineLevel.OFFLINE: _("Nộp hồ sơ tại Bộ phận Một cửa"),
}


class ProcedureQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(ward__in=scoping.wards_for(user))

    def active(self):
        return self.filter(active=True)

    def matching(self, query: str):
        """Procedures holding every word of the query at a word start, accents and case ignored."""
        words = searchable(query).split()
        if not words:
            return self.none()
        queryset = self
        for word in words[:8]:
            queryset = queryset.filter(search_text__contains=f" {word}")
        return queryset

    def search(self, query: str) -> list:
        """`matching`, best first: the name starting with the phrase, then holding it."""
        phrase = " ".join(searchable(query).split())
        return sorted(
            self.matching(query),
            key=lambda p: (
                not p.search_text.startswith(f" {phrase}"),
                f" {phrase}" not in p.search_text,
                len(p.name),
            ),
        )


class Procedure(ClusterableModel):
    ward = models.ForeignKey(
        Ward, on_delete=models.CASCADE, related_name="procedures", verbose_name=_("phường")
    )
    code = models.CharField(
        _("mã thủ tục"),
        max_length=40,
        validators=[validate_code],
        help_text=_("Mã trên Cổng Dịch vụ công quốc gia, ví dụ 1.001193."),
    )
    name = models.CharField(_("tên thủ tục"), max_length=400)
    field = models.CharField(_("lĩnh vực"), max_length=120)
    level = models.CharField(_("cấp thực hiện"), max_length=60, default="Cấp xã")
    online_level = models.CharField(
        _("mức trực tuyến"), max_length=12, choices=OnlineLevel.choices, default=OnlineLevel.PARTIAL
    )
    purpose = models.TextField(_("thủ tục để làm gì"), blank=True)
    who_may_apply = models.TextField(_("ai được nộp"), blank=True)
    processing_time = models.CharField(_("thời hạn giải quyết"), max_length=200, blank=True)
    fees = models.CharField(_("phí, lệ phí"), max_length=300, blank=True)
    documents = models.TextField(
        _("giấy tờ cần có"), blank=True, help_text=_("Mỗi dòng một giấy tờ.")
    )
    steps = models.TextField(_("các bước"), blank=True, help_text=_("Mỗi dòng một bước."))
    where_to_submit = models.TextField(_("nơi nộp"), blank=True)
    legal_basis = models.TextField(_("căn cứ pháp lý"), blank=True)
    portal_url = models.URLField(
        _("đường dẫn trên Cổng Dịch vụ công"),
        max_length=500,
        blank=True,
        help_text=_(
            "Để trống để dùng đường dẫn mặc định của phường theo mã thủ tục. "
            "Đây là nơi duy nhất cần sửa khi cổng đổi địa chỉ."
        ),
    )
    verified = models.BooleanField(
        _("mã đã đối chiếu"),
        default=False,
        help_text=_(
            "Đã đối chiếu mã và nội dung với Cơ sở dữ liệu quốc gia về thủ tục hành chính."
        ),
    )
    active = models.BooleanField(_("đang áp dụng"), default=True)
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProcedureQuerySet.as_manager()

    class Meta:
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")
        ordering = ["ward", "field", "name"]
        constraints = [
            models.UniqueConstraint(fields=["ward", "code"], name="procedure_code_unique_in_ward")
        ]

    def __str__(self):
        return f"{self.code} — {self.name}"

    def refresh_derived(self) -> None:
        """NFC text and the folded search column; called before every save."""
        for name in (
            "name",
            "field",
            "level",
            "purpose",
            "who_may_apply",
            "processing_time",
            "fees",
            "where_to_submit",
            "legal_basis",
        ):
            setattr(self, name, nfc(getattr(self, name)))
        self.code = nfc(self.code).upper()
        self.documents = "\n".join(self.document_list())
        self.steps = "\n".join(self.step_list())
        self.search_text = searchable(self.name, self.field, self.code, self.purpose)

    def save(self, *args, **kwargs):
        self.refresh_derived()
        super().save(*args, **kwargs)

    @property
    def slug(self) -> str:
        """The code as a URL path segment: Wagtail's page URLs allow no dots."""
        return self.code.replace(".", "-").lower()

    def document_list(self) -> list[str]:
        return _lines(self.documents)

    def step_list(self) -> list[str]:
        return _lines(self.steps)

    @property
    def poster_level_label(self) -> str:
        return str(POSTER_LEVEL_LABELS.get(self.online_level, ""))

    @property
    def can_submit_online(self) -> bool:
        return self.online_level != OnlineLevel.OFFLINE

    def national_portal_url(self, portal_base: str | None = None) -> str:
        """This procedure's own link if set, else the ward's default pattern filled with the code."""
        if self.portal_url:
            return self.portal_url
        pattern = portal_base or DEFAULT_PORTAL_URL
        return pattern.replace("{code}", self.code) if "{code}" in pattern else pattern


def _lines(text: str) -> list[str]:
    return [nfc(line).lstrip("-•· ").strip() for line in (text or "").splitlines() if line.strip()]


class ProcedureLesson(Orderable):
    """A lesson (any Wagtail page) that shows how to do this procedure."""

    procedure = ParentalKey(Procedure, on_delete=models.CASCADE, related_name="lessons")
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("bài học")
    )

    class Meta(Orderable.Meta):
        verbose_name = _("bài học liên quan")
        verbose_name_plural = _("bài học liên quan")
        constraints = [
            models.UniqueConstraint(fields=["procedure", "page"], name="procedure_lesson_once")
        ]


@register_setting(icon="link")
class QrSettings(BaseSiteSetting):
    """Per ward: where the "Nộp hồ sơ trực tuyến" button goes when a procedure has no own link."""

    portal_base_url = models.CharField(
        _("đường dẫn mặc định trên Cổng Dịch vụ công"),
        max_length=500,
        default=DEFAULT_PORTAL_URL,
        validators=[validate_portal_pattern],
        help_text=_("{code} được thay bằng mã thủ tục, ví dụ 1.001193."),
    )

    panels = [FieldPanel("portal_base_url")]

    class Meta:
        verbose_name = _("cổng dịch vụ công")
