"""Home service for vulnerable residents ("phục vụ tại chỗ, trọn gói"): who needs it, and requests.

Transitions of a request: homeservice.lifecycle. Writes: homeservice.services.
"""

from django.conf import settings
from django.db import models
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from homeservice import access
from homeservice.lifecycle import OPEN, PAST_SUBMISSION, Status
from wards.models import Area, Household, Resident, Ward


class VulnerabilityQuerySet(models.QuerySet):
    def for_user(self, user):
        return access.filter_areas(self, user, "household__area_id")

    def current(self):
        return self.filter(ended_at__isnull=True)


class Vulnerability(models.Model):
    """A reason a household or resident is served at home, recorded with their consent.

    No medical detail and no ID numbers: the kind, and who agreed to it being noted.
    """

    class Kind(models.TextChoices):
        ELDERLY_ALONE = "elderly_alone", _("Người cao tuổi sống một mình")
        DISABILITY = "disability", _("Người khuyết tật")
        SOCIAL_PROTECTION = "social_protection", _("Đối tượng bảo trợ xã hội")
        NO_SMARTPHONE = "no_smartphone", _("Không có điện thoại thông minh")
        OTHER = "other", _("Hoàn cảnh khác")

    ward = models.ForeignKey(Ward, on_delete=models.CASCADE, related_name="+")
    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="vulnerabilities"
    )
    resident = models.ForeignKey(
        Resident, null=True, blank=True, on_delete=models.CASCADE, related_name="vulnerabilities"
    )
    kind = models.CharField(_("hoàn cảnh"), max_length=20, choices=Kind.choices)
    consent = models.BooleanField(_("người dân đồng ý ghi nhận"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = VulnerabilityQuerySet.as_manager()

    class Meta:
        verbose_name = _("hoàn cảnh cần phục vụ tại nhà")
        verbose_name_plural = _("hoàn cảnh cần phục vụ tại nhà")
        constraints = [
            models.CheckConstraint(condition=Q(consent=True), name="vulnerability_needs_consent")
        ]
        indexes = [models.Index(fields=["household", "ended_at"])]

    def __str__(self):
        return str(self.get_kind_display())


class ProcedureSla(models.Model):
    """Days from request to online submission the ward promises for one procedure."""

    procedure = models.OneToOneField(
        "qr.Procedure", on_delete=models.CASCADE, related_name="home_service_sla"
    )
    days = models.PositiveSmallIntegerField(_("số ngày từ khi nhờ đến khi nộp"))

    class Meta:
        verbose_name = _("thời hạn phục vụ tại nhà")
        verbose_name_plural = _("thời hạn phục vụ tại nhà")

    def __str__(self):
        return f"{self.procedure_id}: {self.days}"


class WardSla(models.Model):
    """The ward's default days from request to submission, for procedures without their own."""

    ward = models.OneToOneField(Ward, on_delete=models.CASCADE, related_name="home_service_sla")
    days = models.PositiveSmallIntegerField(_("số ngày mặc định từ khi nhờ đến khi nộp"))

    class Meta:
        verbose_name = _("thời hạn mặc định phục vụ tại nhà")
        verbose_name_plural = _("thời hạn mặc định phục vụ tại nhà")

    def __str__(self):
        return f"{self.ward_id}: {self.days}"


class ServiceRequestQuerySet(models.QuerySet):
    def for_user(self, user):
        return access.filter_areas(self, user)

    def open(self):
        return self.filter(status__in=OPEN)

    def with_urgency(self, today=None):
        """Annotate `overdue` (1/0) and `vulnerable` (bool) for ordering and marking."""
        today = today or timezone.localdate()
        return self.annotate(
            overdue=Case(
                When(
                    Q(status__in=OPEN) & ~Q(status__in=PAST_SUBMISSION) & Q(due_on__lt=today),
                    then=Value(1),
                ),
                default=Value(0),
                output_field=IntegerField(),
            ),
            vulnerable=Exists(
                Vulnerability.objects.current().filter(household_id=OuterRef("household_id"))
            ),
        )

    def urgent_first(self, today=None):
        """Overdue first, then vulnerable households, then the nearest deadline."""
        return self.with_urgency(today).order_by("-overdue", "-vulnerable", "due_on", "pk")


class ServiceRequest(models.Model):
    """A resident asks for a procedure to be done for them, from request to result."""

    class Source(models.TextChoices):
        FIELD_VISIT = "field_visit", _("Tổ viên gặp khi đến nhà")
        HOTLINE = "hotline", _("Gọi đường dây nóng")
        PUBLIC_PAGE = "public_page", _("Trang web của phường")
        RELATIVE = "relative", _("Người thân nhờ giúp")
        SMS_REPLY = "sms_reply", _("Trả lời tin nhắn")

    ward = models.ForeignKey(Ward, on_delete=models.CASCADE, related_name="+")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    household = models.ForeignKey(
        Household, null=True, blank=True, on_delete=models.PROTECT, related_name="service_requests"
    )
    resident = models.ForeignKey(
        Resident, null=True, blank=True, on_delete=models.SET_NULL, related_name="service_requests"
    )
    procedure = models.ForeignKey(
        "qr.Procedure", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    need = models.CharField(_("cần giúp việc gì"), max_length=300, blank=True)
    source = models.CharField(_("nguồn"), max_length=12, choices=Source.choices)
    # Who asked: the resident or someone for them. A public request may have no household yet.
    contact_name = models.CharField(_("người cần giúp"), max_length=120, blank=True)
    contact_phone = models.CharField(_("điện thoại liên hệ"), max_length=16, blank=True)
    asked_by = models.CharField(_("người nhờ"), max_length=120, blank=True)
    consent = models.BooleanField(_("đồng ý để phường liên hệ và làm hồ sơ"), default=False)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="service_requests",
        verbose_name=_("người phụ trách"),
    )
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=Status.choices, default=Status.REQUESTED
    )
    appointment_at = models.DateTimeField(_("giờ hẹn"), null=True, blank=True)
    # The procedure's documents, copied when asked: [{"name": ..., "taken": bool}].
    documents = models.JSONField(_("giấy tờ"), default=list, blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)
    dossier_number = models.CharField(_("mã hồ sơ trên Cổng"), max_length=40, blank=True)
    end_reason = models.CharField(_("lý do"), max_length=255, blank=True)
    due_on = models.DateField(_("hạn nộp"))
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    submitted_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ServiceRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("việc nhờ phục vụ tại nhà")
        verbose_name_plural = _("việc nhờ phục vụ tại nhà")
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["area", "status", "due_on"]),
            models.Index(fields=["ward", "status", "due_on"]),
            models.Index(fields=["assignee", "status"]),
        ]

    def __str__(self):
        return f"#{self.pk} {self.get_status_display()}"

    @property
    def who(self) -> str:
        if self.resident_id:
            return self.resident.full_name
        if self.household_id:
            return self.household.head_name
        return self.contact_name

    @property
    def title(self) -> str:
        return self.procedure.name if self.procedure_id else self.need


class RequestStep(models.Model):
    """One move of a request: from where to where, by whom, when. Appended, never edited."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="steps")
    from_status = models.CharField(max_length=16, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=255, blank=True)
    # Set when the step came from a phone's offline queue: each is saved at most once.
    client_uuid = models.UUIDField(null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("bước xử lý")
        verbose_name_plural = _("bước xử lý")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.request_id}: {self.from_status} → {self.to_status}"
