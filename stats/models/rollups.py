"""Roll-up tables: the dashboard reads these, never the raw rows.

Each ward's rows are rebuilt together from its raw rows by stats.rollups.rollup_ward, in one
transaction, so a reader sees a ward either before or after a rebuild, never half of one.
"Adults" are residents aged 18 or more in the year the rows were built (WardRollup.built_for).
"""

from django.db import models
from django.utils import timezone

from wards.models import Milestone


class AdoptionCounts(models.Model):
    """Adults who reached a milestone for the first time in the period, and by which source."""

    ward = models.ForeignKey("wards.Ward", on_delete=models.CASCADE, related_name="+")
    area = models.ForeignKey("wards.Area", on_delete=models.CASCADE, related_name="+")
    milestone = models.CharField(max_length=32, choices=Milestone.choices)
    reached = models.PositiveIntegerField(default=0)
    by_visit = models.PositiveIntegerField(default=0)
    by_campaign = models.PositiveIntegerField(default=0)
    by_self_report = models.PositiveIntegerField(default=0)
    events = models.PositiveIntegerField(default=0)  # every event, repeats included

    class Meta:
        abstract = True


class AdoptionDay(AdoptionCounts):
    day = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["area", "day", "milestone"], name="adoption_day_once")
        ]
        indexes = [models.Index(fields=["ward", "day"], name="stats_adoptionday_ward_day")]

    def __str__(self):
        return f"{self.area_id} {self.day} {self.milestone}: {self.reached}"


class AdoptionMonth(AdoptionCounts):
    month = models.DateField()  # the first day of the month

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["area", "month", "milestone"], name="adoption_month_once"
            )
        ]
        indexes = [models.Index(fields=["ward", "month"], name="stats_adoptionmonth_ward_month")]

    def __str__(self):
        return f"{self.area_id} {self.month:%m/%Y} {self.milestone}: {self.reached}"


class AreaSnapshot(models.Model):
    """An area as it stands now: people, households, return visits owed."""

    ward = models.ForeignKey("wards.Ward", on_delete=models.CASCADE, related_name="+")
    area = models.OneToOneField("wards.Area", on_delete=models.CASCADE, related_name="+")
    residents = models.PositiveIntegerField(default=0)
    adults = models.PositiveIntegerField(default=0)
    households = models.PositiveIntegerField(default=0)
    # Adults whose VNeID level 2 was issued at the police station but not yet activated.
    level2_not_activated = models.PositiveIntegerField(default=0)
    follow_ups_open = models.PositiveIntegerField(default=0)
    follow_ups_overdue = models.PositiveIntegerField(default=0)
    as_of = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["ward"], name="stats_areasnapshot_ward")]

    def __str__(self):
        return f"{self.area_id} {self.as_of}"


class VisitCounts(models.Model):
    """Household visits of one team in one area in the period."""

    ward = models.ForeignKey("wards.Ward", on_delete=models.CASCADE, related_name="+")
    area = models.ForeignKey("wards.Area", on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey("teams.Team", null=True, on_delete=models.CASCADE, related_name="+")
    visits = models.PositiveIntegerField(default=0)
    met = models.PositiveIntegerField(default=0)  # somebody was home
    # Households visited for the first time ever in the period: summing them gives coverage.
    households_first = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


class VisitDay(VisitCounts):
    day = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["ward", "day"], name="stats_visitday_ward_day")]

    def __str__(self):
        return f"{self.area_id} {self.team_id} {self.day}: {self.visits}"


class VisitMonth(VisitCounts):
    month = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["ward", "month"], name="stats_visitmonth_ward_month")]

    def __str__(self):
        return f"{self.area_id} {self.team_id} {self.month:%m/%Y}: {self.visits}"


class CampaignArea(models.Model):
    """One campaign's funnel and holdout counts among the residents of one area."""

    ward = models.ForeignKey("wards.Ward", on_delete=models.CASCADE, related_name="+")
    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="+")
    area = models.ForeignKey("wards.Area", null=True, on_delete=models.CASCADE, related_name="+")
    targeted = models.PositiveIntegerField(default=0)
    eligible = models.PositiveIntegerField(default=0)
    sent = models.PositiveIntegerField(default=0)
    delivered = models.PositiveIntegerField(default=0)
    clicked = models.PositiveIntegerField(default=0)
    converted = models.PositiveIntegerField(default=0)  # within the window after delivery
    # Intention-to-treat counts for the uplift (campaigns.uplift.two_proportion).
    treated = models.PositiveIntegerField(default=0)
    treated_converted = models.PositiveIntegerField(default=0)
    holdout = models.PositiveIntegerField(default=0)
    holdout_converted = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["ward", "campaign"], name="stats_campaignarea_ward")]

    def __str__(self):
        return f"{self.campaign_id} {self.area_id}"


class WardRollup(models.Model):
    """When a ward's roll-ups were last rebuilt, and for which day."""

    ward = models.OneToOneField("wards.Ward", on_delete=models.CASCADE, related_name="+")
    built_for = models.DateField()
    built_at = models.DateTimeField(default=timezone.now)
    seconds = models.FloatField(default=0)

    def __str__(self):
        return f"{self.ward_id} {self.built_for}"


class ScanCounts(models.Model):
    """QR scans by people (bots excluded) of one procedure's poster at one placement."""

    ward = models.ForeignKey("wards.Ward", on_delete=models.CASCADE, related_name="+")
    # The placement's area; posters at the one-stop counter belong to no area.
    area = models.ForeignKey("wards.Area", null=True, on_delete=models.CASCADE, related_name="+")
    procedure = models.ForeignKey("qr.Procedure", on_delete=models.CASCADE, related_name="+")
    placement = models.ForeignKey("qr.Placement", on_delete=models.CASCADE, related_name="+")
    scans = models.PositiveIntegerField(default=0)
    visitors = models.PositiveIntegerField(default=0)  # unique per link and day, added up

    class Meta:
        abstract = True


class ScanDayCount(ScanCounts):
    day = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["ward", "day"], name="stats_scanday_ward_day")]

    def __str__(self):
        return f"{self.placement_id} {self.procedure_id} {self.day}: {self.scans}"


class ScanMonthCount(ScanCounts):
    month = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["ward", "month"], name="stats_scanmonth_ward_month")]

    def __str__(self):
        return f"{self.placement_id} {self.procedure_id} {self.month:%m/%Y}: {self.scans}"


class LearningDay(models.Model):
    """Lessons of one ward's learners (anonymous phones) on one day, by lesson."""

    ward = models.ForeignKey("wards.Ward", on_delete=models.CASCADE, related_name="+")
    lesson = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    started = models.PositiveIntegerField(default=0)
    completed = models.PositiveIntegerField(default=0)
    quizzes = models.PositiveIntegerField(default=0)  # completed with a quiz score
    passed = models.PositiveIntegerField(default=0)  # best score at least QUIZ_PASS_PERCENT

    class Meta:
        indexes = [models.Index(fields=["ward", "day"], name="stats_learningday_ward_day")]

    def __str__(self):
        return f"{self.lesson_id} {self.day}: {self.completed}"
