from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wards import scoping
from wards.roles import Role


class WardQuerySet(models.QuerySet):
    def for_user(self, user):
        """Wards the user works in, in any role."""
        return scoping.wards_for(user, self)

    def for_aggregates(self, user):
        """Wards whose counts and rates the user may read."""
        return scoping.aggregate_wards_for(user, self)


class Ward(models.Model):
    """A phường / xã. Each ward is one Wagtail Site, on its own host name."""

    name = models.CharField(_("tên phường"), max_length=120)
    slug = models.SlugField(_("mã ngắn"), max_length=40, unique=True)
    province = models.CharField(_("tỉnh / thành phố"), max_length=120, blank=True)
    site = models.OneToOneField(
        "wagtailcore.Site",
        on_delete=models.PROTECT,
        related_name="ward",
        verbose_name=_("trang web"),
    )

    objects = WardQuerySet.as_manager()

    class Meta:
        verbose_name = _("phường")
        verbose_name_plural = _("phường")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @classmethod
    def for_request(cls, request):
        """The ward whose site served this request, or None (cached on the request)."""
        if not hasattr(request, "_ward"):
            from wagtail.models import Site

            site = Site.find_for_request(request)
            request._ward = cls.objects.filter(site=site).first() if site else None
        return request._ward


class AreaQuerySet(models.QuerySet):
    def for_user(self, user):
        """Areas whose households and residents the user may read."""
        return scoping.personal_areas(user, self)

    def search(self, query: str):
        """Areas are few per ward: fold their names here rather than store a column."""
        from wards.text import fold

        terms = fold(query)
        if not terms:
            return self
        hits = [
            pk
            for pk, name, code in self.values_list("pk", "name", "code")
            if terms in fold(f"{name} {code}")
        ]
        return self.filter(pk__in=hits)


class Area(models.Model):
    """A khu phố / tổ dân phố / thôn."""

    ward = models.ForeignKey(
        Ward, on_delete=models.CASCADE, related_name="areas", verbose_name=_("phường")
    )
    name = models.CharField(_("tên khu phố"), max_length=120)
    code = models.SlugField(_("mã khu phố"), max_length=40)

    objects = AreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("khu phố")
        verbose_name_plural = _("khu phố")
        ordering = ["ward", "code"]
        constraints = [
            models.UniqueConstraint(fields=["ward", "code"], name="area_code_unique_in_ward")
        ]

    def __str__(self):
        return self.name


class HouseholdQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(area__in=scoping.personal_areas(user))

    def search(self, query: str):
        from wards.text import fold

        terms = fold(query)
        return self.filter(search_text__contains=terms) if terms else self


class Household(models.Model):
    ward = models.ForeignKey(
        Ward, on_delete=models.CASCADE, related_name="households", verbose_name=_("phường")
    )
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="households", verbose_name=_("khu phố")
    )
    code = models.CharField(_("mã hộ"), max_length=40)
    address = models.CharField(_("địa chỉ"), max_length=255)
    head_name = models.CharField(_("chủ hộ"), max_length=120)
    phone = models.CharField(_("điện thoại"), max_length=16, blank=True)
    size = models.PositiveSmallIntegerField(_("số nhân khẩu"), default=1)
    # Folded address and head's name (wards.text.fold) so search ignores accents on every database.
    search_text = models.CharField(max_length=400, editable=False, db_index=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        verbose_name = _("hộ gia đình")
        verbose_name_plural = _("hộ gia đình")
        ordering = ["area", "address"]
        constraints = [
            models.UniqueConstraint(fields=["ward", "code"], name="household_code_unique_in_ward")
        ]
        indexes = [models.Index(fields=["area", "address"])]

    def __str__(self):
        return f"{self.address} — {self.head_name}"

    def refresh_derived(self) -> None:
        """NFC text and the folded search column; called before every save by services and imports."""
        from wards.text import fold, nfc

        self.address, self.head_name = nfc(self.address), nfc(self.head_name)
        self.search_text = fold(f"{self.address} {self.head_name}")[:400]


class Vneid(models.TextChoices):
    """VNeID state of a resident (Decree 69/2024): level 2 must be issued, then activated in the app."""

    NONE = "none", _("Chưa có")
    LEVEL1 = "level1", _("Mức 1")
    LEVEL2_ISSUED = "level2_issued", _("Mức 2 — đã cấp, chưa kích hoạt")
    LEVEL2_ACTIVATED = "level2_activated", _("Mức 2 — đã kích hoạt")


class ResidentQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(household__area__in=scoping.personal_areas(user))

    def search(self, query: str):
        from wards.text import fold

        terms = fold(query)
        return self.filter(search_text__contains=terms) if terms else self

    def adults(self, today=None):
        year = (today or timezone.localdate()).year
        return self.filter(birth_year__lte=year - 18)

    def needing_help(self):
        return self.exclude(
            vneid=Vneid.LEVEL2_ACTIVATED,
            has_public_service_account=True,
            has_submitted_online=True,
            uses_cashless=True,
        )


class Resident(models.Model):
    """A person in a household. Status fields are derived from AdoptionEvents by one service."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="residents", verbose_name=_("hộ")
    )
    full_name = models.CharField(_("họ và tên"), max_length=120)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=16, blank=True)
    consent_to_messages = models.BooleanField(_("đồng ý nhận tin nhắn"), default=False)
    # Derived: written only by wards.services.resident_refresh_status.
    vneid = models.CharField(
        _("VNeID"), max_length=20, choices=Vneid.choices, default=Vneid.NONE, editable=False
    )
    has_public_service_account = models.BooleanField(
        _("có tài khoản dịch vụ công"), default=False, editable=False
    )
    has_submitted_online = models.BooleanField(
        _("đã nộp hồ sơ trực tuyến"), default=False, editable=False
    )
    uses_cashless = models.BooleanField(
        _("thanh toán không tiền mặt"), default=False, editable=False
    )
    name_key = models.CharField(max_length=120, editable=False)
    # The folded name (wards.text.fold) so the admin's search ignores accents on every database.
    search_text = models.CharField(max_length=120, editable=False, default="")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ResidentQuerySet.as_manager()

    class Meta:
        verbose_name = _("cư dân")
        verbose_name_plural = _("cư dân")
        ordering = ["household", "id"]
        indexes = [
            models.Index(fields=["household", "name_key"]),
            # A reply or a receipt names a phone, never a household: without this every inbound
            # SMS walked all of the ward's households (4.5 ms at 3,000 on PostgreSQL).
            models.Index(fields=["phone"], name="resident_phone"),
        ]

    def __str__(self):
        return self.full_name

    def refresh_derived(self) -> None:
        from wards.text import fold, nfc, same_name_key

        self.full_name = nfc(self.full_name)
        self.name_key = same_name_key(self.full_name)
        self.search_text = fold(self.full_name)[:120]


class Milestone(models.TextChoices):
    VNEID_LEVEL1 = "vneid_level1", _("Đăng ký VNeID mức 1")
    VNEID_LEVEL2_ISSUED = "vneid_level2_issued", _("Được cấp VNeID mức 2")
    VNEID_LEVEL2_ACTIVATED = "vneid_level2_activated", _("Kích hoạt VNeID mức 2")
    PUBLIC_SERVICE_ACCOUNT = "public_service_account", _("Tạo tài khoản dịch vụ công")
    ONLINE_SUBMISSION = "online_submission", _("Nộp hồ sơ trực tuyến lần đầu")
    CASHLESS_PAYMENT = "cashless_payment", _("Thanh toán không dùng tiền mặt")


class EventSource(models.TextChoices):
    VISIT = "visit", _("Tổ công nghệ số đến nhà")
    SELF_REPORT = "self_report", _("Người dân tự báo")
    IMPORT = "import", _("Nhập từ tệp")
    CAMPAIGN = "campaign", _("Chiến dịch tin nhắn")


class AdoptionEventQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(resident__household__area__in=scoping.personal_areas(user))


class AdoptionEvent(models.Model):
    """A resident reached a milestone. Events are appended, never edited: status is derived from them."""

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="events")
    milestone = models.CharField(_("mốc"), max_length=32, choices=Milestone.choices)
    occurred_on = models.DateField(_("ngày"))
    source = models.CharField(_("nguồn"), max_length=20, choices=EventSource.choices)
    verified = models.BooleanField(_("đã xác minh"), default=False)
    # What caused it, e.g. "visit:<uuid>" or "campaign:12", for tracing without a foreign key per app.
    source_ref = models.CharField(max_length=80, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = AdoptionEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("sự kiện chuyển đổi số")
        verbose_name_plural = _("sự kiện chuyển đổi số")
        ordering = ["-occurred_on", "-id"]
        indexes = [
            models.Index(fields=["resident", "milestone"]),
            models.Index(fields=["milestone", "occurred_on"]),
        ]

    def __str__(self):
        return f"{self.get_milestone_display()} — {self.occurred_on}"


class Membership(models.Model):
    """A user's role in a ward; team roles also name the areas they work in."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ward_memberships"
    )
    # Empty for a province administrator, who works across every ward of the deployment.
    ward = models.ForeignKey(Ward, null=True, blank=True, on_delete=models.CASCADE)
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    areas = models.ManyToManyField(Area, blank=True, verbose_name=_("khu phố phụ trách"))

    class Meta:
        verbose_name = _("phân công")
        verbose_name_plural = _("phân công")
        constraints = [
            models.UniqueConstraint(fields=["user", "ward"], name="one_membership_per_ward"),
            models.CheckConstraint(
                condition=Q(ward__isnull=False) | Q(role=Role.PROVINCE_ADMIN),
                name="ward_required_except_province_admin",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()}"


class AuditEntry(models.Model):
    """Who created or changed personal data, and when. Appended by services, never edited."""

    class Action(models.TextChoices):
        CREATE = "create", _("Tạo")
        UPDATE = "update", _("Sửa")
        DELETE = "delete", _("Xóa")
        EXPORT = "export", _("Xuất dữ liệu")
        IMPORT = "import", _("Nhập dữ liệu")

    ward = models.ForeignKey(Ward, null=True, blank=True, on_delete=models.CASCADE)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    object_type = models.CharField(max_length=40)
    object_id = models.CharField(max_length=64, blank=True)
    summary = models.CharField(max_length=255, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("nhật ký thay đổi")
        verbose_name_plural = _("nhật ký thay đổi")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.get_action_display()} {self.object_type} {self.object_id}"


class ChangeMark(models.Model):
    """One entry of the change feed: a part of a ward's data changed.

    Appended by wards.changes.record inside the transaction of the write, bulk or not, so the mark
    commits exactly when the change does. Readers (the statistics roll-ups) delete what they read.
    """

    class Part(models.TextChoices):
        PEOPLE = "people", _("người dân")  # households, residents, adoption events
        VISITS = "visits", _("lượt đến nhà")  # visits and return visits
        LEARNING = "learning", _("học tập")  # lesson progress
        CAMPAIGNS = "campaigns", _("chiến dịch")  # messages, deliveries, clicks, conversions
        SCANS = "scans", _("lượt quét QR")
        SERVICES = "services", _("phục vụ tại nhà")  # home-service requests and their steps
        FEEDBACK = "feedback", _("góp ý")  # ratings, feedback and petitions

    ward_id = models.BigIntegerField()
    part = models.CharField(max_length=12, choices=Part.choices, default=Part.PEOPLE)
    marked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("thay đổi dữ liệu")
        verbose_name_plural = _("thay đổi dữ liệu")

    def __str__(self):
        return f"{self.ward_id} {self.part} {self.marked_at}"


class RateCount(models.Model):
    """One rate-limit window's count (config.ratelimit): a row per scope, client and window.

    Counted with one atomic upsert, so every web worker and machine sees the same count.
    """

    name = models.CharField(max_length=200, primary_key=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return self.name


from wards.import_jobs import ImportJob  # noqa: E402,F401  (a wards model in its own module)
