"""Citizens' satisfaction and the ward's answers, for the leaders' dashboard.

Read straight from the feedback tables (a ward has thousands of ratings, not millions), by area,
team, procedure and month; the worst-rated first. A group of fewer than SMALL_COUNT ratings shows
neither its count nor its average (`stats.cells.hidden`): a handful of answers from one alley
would point at the people who gave them.
"""

import datetime
import statistics
from dataclasses import dataclass

from django.db.models import Avg, Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback.models import Petition, Rating, RatingRequest
from qr.models import Procedure
from stats.cells import People, Share, number
from teams.models import Team
from wards.models import Area


@dataclass
class SatisfactionRow:
    name: str
    ratings: People
    average: float | None  # None when hidden
    satisfied: Share  # 4 or 5 of 5

    @property
    def average_text(self) -> str:
        return "<5" if self.average is None else number(self.average, 1)


@dataclass
class FeedbackSection:
    ratings: People
    average: float | None
    satisfied: Share
    response: Share  # rating requests answered / sent
    petitions: People
    answered_in_time: Share
    median_acknowledge: str
    median_answer: str
    overdue: int
    by_area: list[SatisfactionRow]
    by_team: list[SatisfactionRow]
    by_procedure: list[SatisfactionRow]
    by_month: list[SatisfactionRow]

    @property
    def average_text(self) -> str:
        return "<5" if self.average is None else number(self.average, 1)


def _bounds(start: datetime.date, end: datetime.date):
    zone = timezone.get_current_timezone()
    low = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
    high = datetime.datetime.combine(
        end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    return low, high


def _rows(ratings, key, names) -> list[SatisfactionRow]:
    rows = []
    grouped = (
        ratings.exclude(**{f"{key}__isnull": True})
        .values(key)
        .annotate(n=Count("pk"), mean=Avg("score"), happy=Count("pk", filter=Q(score__gte=4)))
    )
    for group in grouped:
        count = People(group["n"])
        rows.append(
            SatisfactionRow(
                name=names(group[key]),
                ratings=count,
                average=None if count.hidden else group["mean"],
                satisfied=Share.of(group["happy"], group["n"]),
            )
        )
    # Worst first; groups too small to show go last, by name.
    return sorted(rows, key=lambda r: (r.average is None, r.average or 0, r.name))


def _hours(deltas) -> str:
    if not deltas:
        return "—"
    hours = statistics.median(d.total_seconds() for d in deltas) / 3600
    if hours < 48:
        return _("%(hours)s giờ") % {"hours": number(hours, 1)}
    return _("%(days)s ngày") % {"days": number(hours / 24, 1)}


def section(report) -> FeedbackSection | None:
    """The feedback figures of the report's wards and period, or None when there are none."""
    low, high = _bounds(report.start, report.end)
    ward_ids = [w.pk for w in report.wards]
    ratings = Rating.objects.filter(ward_id__in=ward_ids, created_at__gte=low, created_at__lt=high)
    petitions = Petition.objects.filter(
        ward_id__in=ward_ids, created_at__gte=low, created_at__lt=high
    )
    totals = ratings.aggregate(
        n=Count("pk"), mean=Avg("score"), happy=Count("pk", filter=Q(score__gte=4))
    )
    if not totals["n"] and not petitions.exists():
        return None
    sent = RatingRequest.objects.filter(
        ward_id__in=ward_ids, sent_at__gte=low, sent_at__lt=high
    ).aggregate(n=Count("pk"), answered=Count("pk", filter=Q(status=RatingRequest.Status.ANSWERED)))
    areas = dict(Area.objects.filter(ward_id__in=ward_ids).values_list("pk", "name"))
    teams = dict(Team.objects.filter(ward_id__in=ward_ids).values_list("pk", "name"))
    procedure_ids = ratings.exclude(procedure_id=None).values("procedure_id")
    procedures = dict(Procedure.objects.filter(pk__in=procedure_ids).values_list("pk", "name"))
    months = ratings.annotate(month=TruncMonth("created_at"))
    timing = list(petitions.values_list("created_at", "acknowledged_at", "answered_at", "due_at"))
    answered = [(c, a, d) for c, _ack, a, d in timing if a]
    count = People(totals["n"])
    return FeedbackSection(
        ratings=count,
        average=None if count.hidden else totals["mean"],
        satisfied=Share.of(totals["happy"], totals["n"]),
        response=Share.of(sent["answered"], sent["n"]),
        petitions=People(len(timing)),
        answered_in_time=Share.of(sum(a <= d for _c, a, d in answered), len(timing)),
        median_acknowledge=_hours([ack - c for c, ack, _a, _d in timing if ack]),
        median_answer=_hours([a - c for c, a, _d in answered]),
        overdue=Petition.objects.filter(ward_id__in=ward_ids).overdue().count(),
        by_area=_rows(ratings, "area_id", lambda pk: areas.get(pk, "—")),
        by_team=_rows(ratings, "team_id", lambda pk: teams.get(pk, "—")),
        by_procedure=_rows(ratings, "procedure_id", lambda pk: procedures.get(pk, "—")),
        by_month=sorted(
            _rows(months, "month", lambda m: m.strftime("%m/%Y")),
            key=lambda r: r.name[3:] + r.name[:2],
        ),
    )
