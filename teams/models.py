"""Community tech teams, the households they visit, and the return visits they promise.

A team's areas and its members' areas are the source of the members' ward Membership (see
teams.services.membership_sync): scoping itself stays in wards/scoping.py.
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wards import scoping
from wards.models import Area, Household, Milestone, Resident, Ward


class TeamQuerySet(models.QuerySet):
    def for_user(self, user):
        """Teams working in areas whose people the user may read."""
        return self.filter(areas__in=scoping.personal_areas(user)).distinct()

    def led_by(self, user):
        return self.filter(members__user=user, members__role=TeamMember.Role.LEADER).distinct()


class Team(models.Model):
    """A Tổ công nghệ số cộng đồng: a group head and a few members covering some areas."""

    ward = models.ForeignKey(Ward, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(_("tên tổ"), max_length=120)
    areas = models.ManyToManyField(
        Area, blank=True, related_name="teams", verbose_name=_("khu phố phụ trách")
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = TeamQuerySet.as_manager()

    class Meta:
        verbose_name = _("tổ công nghệ số")
        verbose_name_plural = _("tổ công nghệ số")
        ordering = ["ward", "name"]
        constraints = [
            models.UniqueConstraint(fields=["ward", "name"], name="team_name_unique_in_ward")
        ]

    def __str__(self):
        return self.name


class TeamMemberQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(team__in=Team.objects.for_user(user))


class TeamMember(models.Model):
    class Role(models.TextChoices):
        LEADER = "leader", _("Tổ trưởng")  # sees the team's work, reassigns follow-ups, exports
        MEMBER = "member", _("Tổ viên")  # visits households of their areas

    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="members", verbose_name=_("tổ")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="team_memberships",
        verbose_name=_("người trong tổ"),
    )
    role = models.CharField(_("vai trò trong tổ"), max_length=10, choices=Role.choices)
    # The team's areas this person walks; a subset of team.areas, kept so by the services.
    areas = models.ManyToManyField(
        Area, blank=True, related_name="+", verbose_name=_("khu phố đi thăm")
    )

    objects = TeamMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("thành viên tổ")
        verbose_name_plural = _("thành viên tổ")
        ordering = ["team", "role", "user__username"]
        constraints = [models.UniqueConstraint(fields=["team", "user"], name="one_place_per_team")]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()}"


class VisitQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(area__in=scoping.personal_areas(user))

    def between(self, start, end):
        return self.filter(visited_on__gte=start, visited_on__lte=end)


class Visit(models.Model):
    """One knock on one door. Created once per client UUID, however often the phone sends it."""

    class Outcome(models.TextChoices):
        DONE = "done", _("Đã xong")  # everything planned was done
        PARTLY = "partly", _("Xong một phần")  # some help given, more needed
        REFUSED = "refused", _("Từ chối")  # the household did not want help
        NOBODY_HOME = "nobody_home", _("Không có ai ở nhà")  # nobody met

    client_uuid = models.UUIDField(_("mã bản ghi trên máy"), unique=True, editable=False)
    ward = models.ForeignKey(Ward, on_delete=models.CASCADE, related_name="+")
    # The household's area when visited, so coverage stays true if a household moves.
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="visits")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="visits")
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="visits"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="visits",
        verbose_name=_("tổ viên"),
    )
    visited_at = models.DateTimeField(_("thời điểm thăm"))
    visited_on = models.DateField(_("ngày thăm"))  # local date of visited_at, for grouping
    outcome = models.CharField(_("kết quả"), max_length=12, choices=Outcome.choices)
    notes = models.TextField(_("ghi chú"), blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    gps_accuracy_m = models.PositiveIntegerField(null=True, blank=True)
    received_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = VisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("lần thăm hộ")
        verbose_name_plural = _("lần thăm hộ")
        ordering = ["-visited_at"]
        indexes = [
            models.Index(fields=["household", "visited_at"]),
            models.Index(fields=["area", "visited_on"]),
            models.Index(fields=["member", "visited_on"]),
        ]

    def __str__(self):
        return f"{self.household.code} — {self.visited_on}"

    @property
    def source_ref(self) -> str:
        return f"visit:{self.client_uuid}"


class Action(models.TextChoices):
    """What a member did with one resident. The codes are those the phone sends."""

    INSTALLED_VNEID = "installed_vneid", _("Cài VNeID, đăng ký mức 1")
    ACTIVATED_LEVEL2 = "activated_level2", _("Kích hoạt VNeID mức 2")
    PUBLIC_SERVICE_ACCOUNT = "public_service_account", _("Tạo tài khoản dịch vụ công")
    SUBMITTED_ONLINE = "submitted_online", _("Nộp hồ sơ trực tuyến")
    CASHLESS = "cashless", _("Cài thanh toán không tiền mặt")
    SCAM_WARNING = "scam_warning", _("Cảnh báo lừa đảo qua mạng")
    OTHER = "other", _("Việc khác")


# The milestone an action proves; the others help without reaching a milestone.
ACTION_MILESTONES = {
    Action.INSTALLED_VNEID: Milestone.VNEID_LEVEL1,
    Action.ACTIVATED_LEVEL2: Milestone.VNEID_LEVEL2_ACTIVATED,
    Action.PUBLIC_SERVICE_ACCOUNT: Milestone.PUBLIC_SERVICE_ACCOUNT,
    Action.SUBMITTED_ONLINE: Milestone.ONLINE_SUBMISSION,
    Action.CASHLESS: Milestone.CASHLESS_PAYMENT,
}


class VisitResident(models.Model):
    """A resident present at a visit, and what was done with them."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="attendees")
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="visits_attended")
    met_first_time = models.BooleanField(_("mới gặp lần đầu"), default=False)
    actions = models.JSONField(_("việc đã làm"), default=list, blank=True)
    procedure = models.CharField(_("thủ tục đã nộp"), max_length=200, blank=True)
    other = models.CharField(_("việc khác"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("người có mặt")
        verbose_name_plural = _("người có mặt")
        constraints = [
            models.UniqueConstraint(fields=["visit", "resident"], name="resident_once_per_visit")
        ]

    def __str__(self):
        return str(self.resident)

    def action_labels(self) -> list[str]:
        labels = []
        for code in self.actions:
            label = str(Action(code).label)
            if code == Action.SUBMITTED_ONLINE and self.procedure:
                label = f"{label}: {self.procedure}"
            elif code == Action.OTHER and self.other:
                label = f"{label}: {self.other}"
            labels.append(label)
        return labels


class FollowUpQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(household__area__in=scoping.personal_areas(user))

    def open(self):
        return self.filter(status=FollowUp.Status.OPEN)

    def due_by(self, day):
        return self.open().filter(due_on__lte=day)


class FollowUp(models.Model):
    """A return visit promised during a visit, or asked for by another app (a reminder journey
    that ended without its goal: no visit then, and `key` keeps it to one per cause).
    Transitions: teams.services.follow_up_transition."""

    class Status(models.TextChoices):
        OPEN = "open", _("Chờ quay lại")  # promised, nobody has been back yet
        DONE = "done", _("Đã quay lại")  # a later visit met the household
        CANCELLED = "cancelled", _("Đã hủy")  # the team leader dropped it

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="follow_ups")
    visit = models.OneToOneField(
        Visit, null=True, blank=True, on_delete=models.CASCADE, related_name="follow_up"
    )
    # What asked for it when no visit did ("journey:<enrolment id>"): the same cause, one task.
    key = models.CharField(max_length=60, null=True, blank=True, unique=True)
    # In the database's clock, so rows bulk-copied without it still get one.
    created_at = models.DateTimeField(db_default=Now(), editable=False)
    due_on = models.DateField(_("ngày hẹn quay lại"))
    reason = models.CharField(_("lý do"), max_length=255)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
        verbose_name=_("người quay lại"),
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    closed_by = models.ForeignKey(
        Visit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("hẹn quay lại")
        verbose_name_plural = _("hẹn quay lại")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self):
        return f"{self.household.code} — {self.due_on}"


class FieldRecord(models.Model):
    """A household or a person added from the field app's offline queue: once per client UUID.

    Lets the phone send the same record again safely, and lets a visit name a household added
    on the phone (by its client UUID) before the phone knew its id.
    """

    class Kind(models.TextChoices):
        HOUSEHOLD = "household", _("Hộ mới")
        RESIDENT = "resident", _("Người mới trong hộ")

    client_uuid = models.UUIDField(_("mã bản ghi trên máy"), unique=True, editable=False)
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="+")
    resident = models.ForeignKey(
        Resident, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    received_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("bản ghi từ điện thoại")
        verbose_name_plural = _("bản ghi từ điện thoại")

    def __str__(self):
        return f"{self.get_kind_display()} {self.client_uuid}"
