"""Per-ward summaries of the area roll-ups: what the province view reads.

The area tables hold one row per area (and team, placement) and day; a province of 300 wards
sums millions of them. These hold the same counts summed over a ward's areas, so the province
view reads one row per ward, day (or month) and milestone / procedure, about ten times fewer.
They are written only by stats.rollups, from the area rows, in the same transaction
(`summarise`), so both always agree.
"""

from django.db import models

from wards.models import Milestone


class AdoptionWardCounts(models.Model):
    ward = models.ForeignKey("wards.Ward", on_delete=models.CASCADE, related_name="+")
    milestone = models.CharField(max_length=32, choices=Milestone.choices)
    reached = models.PositiveIntegerField(default=0)
    by_visit = models.PositiveIntegerField(default=0)
    by_campaign = models.PositiveIntegerField(default=0)
    by_self_report = models.PositiveIntegerField(default=0)
    events = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


class AdoptionWardDay(AdoptionWardCounts):
    day = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["ward", "day"], name="stats_adoptionwd_ward_day")]

    def __str__(self):
        return f"{self.ward_id} {self.day} {self.milestone}: {self.reached}"


class AdoptionWardMonth(AdoptionWardCounts):
    month = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["ward", "month"], name="stats_adoptionwm_ward_month")]

    def __str__(self):
        return f"{self.ward_id} {self.month:%m/%Y} {self.milestone}: {self.reached}"


class VisitWardCounts(models.Model):
    ward = models.ForeignKey("wards.Ward", on_delete=models.CASCADE, related_name="+")
    visits = models.PositiveIntegerField(default=0)
    met = models.PositiveIntegerField(default=0)
    households_first = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


class VisitWardDay(VisitWardCounts):
    day = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["ward", "day"], name="stats_visitwd_ward_day")]

    def __str__(self):
        return f"{self.ward_id} {self.day}: {self.visits}"


class VisitWardMonth(VisitWardCounts):
    month = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["ward", "month"], name="stats_visitwm_ward_month")]

    def __str__(self):
        return f"{self.ward_id} {self.month:%m/%Y}: {self.visits}"


class ScanWardCounts(models.Model):
    ward = models.ForeignKey("wards.Ward", on_delete=models.CASCADE, related_name="+")
    procedure = models.ForeignKey("qr.Procedure", on_delete=models.CASCADE, related_name="+")
    scans = models.PositiveIntegerField(default=0)
    visitors = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


class ScanWardDay(ScanWardCounts):
    day = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["ward", "day"], name="stats_scanwd_ward_day")]

    def __str__(self):
        return f"{self.ward_id} {self.procedure_id} {self.day}: {self.scans}"


class ScanWardMonth(ScanWardCounts):
    month = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["ward", "month"], name="stats_scanwm_ward_month")]

    def __str__(self):
        return f"{self.ward_id} {self.procedure_id} {self.month:%m/%Y}: {self.scans}"
