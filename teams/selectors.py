"""Reads for the field app and the team leader's page. Every queryset starts from a for_user() one."""

import datetime
from dataclasses import dataclass

from django.db.models import Case, Count, F, IntegerField, OuterRef, Prefetch, Q, Subquery, When
from django.db.models.functions import Coalesce

from teams.models import FollowUp, Visit, VisitResident
from wards.models import AdoptionEvent, EventSource, Household, Resident, Vneid
from wards.text import fold

PAGE_SIZE = 20
NOT_LEVEL2 = [Vneid.NONE, Vneid.LEVEL1, Vneid.LEVEL2_ISSUED]


def _adult(year: int) -> Q:
    return Q(residents__birth_year__lte=year - 18)


def households_by_need(queryset, *, today: datetime.date):
    """Households ordered by how much help their adults still need, then the longest unvisited.

    Per adult: 2 points without activated VNeID level 2, 1 point for each of public-service
    account, online submission and cashless payment still missing. Computed by the database over
    the whole queryset, so the first page is right however many households an area has.
    """
    adult = _adult(today.year)
    gaps = [
        (Q(residents__vneid__in=NOT_LEVEL2), 2),
        (Q(residents__has_public_service_account=False), 1),
        (Q(residents__has_submitted_online=False), 1),
        (Q(residents__uses_cashless=False), 1),
    ]
    score = sum(
        Coalesce(
            Count("residents", filter=adult & condition) * points,
            0,
            output_field=IntegerField(),
        )
        for condition, points in gaps
    )
    needing = Count(
        "residents",
        filter=adult
        & (
            Q(residents__vneid__in=NOT_LEVEL2)
            | Q(residents__has_public_service_account=False)
            | Q(residents__has_submitted_online=False)
            | Q(residents__uses_cashless=False)
        ),
    )
    last_visit = Visit.objects.filter(household=OuterRef("pk")).order_by("-visited_at")
    return queryset.annotate(
        need_score=score,
        adults_needing_help=needing,
        last_visited_at=Subquery(last_visit.values("visited_at")[:1]),
    ).order_by(F("need_score").desc(), F("last_visited_at").asc(nulls_first=True), "code")


def search_households(queryset, query: str):
    """Households whose address, head or any resident matches, without accents or case.

    The address and the head's name have a folded column (wards); other residents' names are
    folded here, over the residents of the households in reach: one query, bounded by the areas.
    """
    terms = fold(query)
    if not terms:
        return queryset
    names = Resident.objects.filter(household__in=queryset).values_list("household_id", "full_name")
    matching = {household for household, name in names if terms in fold(name)}
    return queryset.filter(Q(search_text__contains=terms) | Q(pk__in=matching))


def with_people(queryset):
    """The residents and open follow-ups of the households about to be shown: two queries.

    Only the columns the list shows: on SQLite, turning unused timestamps back into datetimes
    cost more than the query itself.
    """
    people = Resident.objects.only("pk", "household_id", "full_name", "vneid").order_by("pk")
    return (
        queryset.select_related("area")
        .defer("search_text", "created_at", "updated_at", "phone")
        .prefetch_related(
            Prefetch("residents", queryset=people),
            Prefetch(
                "follow_ups",
                queryset=FollowUp.objects.open()
                .only("pk", "household_id", "due_on")
                .order_by("due_on"),
                to_attr="open_follow_ups",
            ),
        )
    )


@dataclass
class Page:
    households: list
    total: int
    number: int
    pages: int

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def page_of_households(queryset, *, today: datetime.date, number: int) -> Page:
    total = queryset.count()
    pages = max(1, -(-total // PAGE_SIZE))
    number = min(max(1, number), pages)
    start = (number - 1) * PAGE_SIZE
    rows = with_people(households_by_need(queryset, today=today))[start : start + PAGE_SIZE]
    return Page(list(rows), total, number, pages)


# --- the team leader's figures ------------------------------------------------------------------


def coverage_by_area(areas, *, today: datetime.date) -> list[dict]:
    """Per area: households and the share visited at least once; adults and the share at level 2."""
    area_ids = [area.pk for area in areas]
    households = dict(
        Household.objects.filter(area__in=area_ids)
        .values_list("area")
        .annotate(n=Count("pk"))
        .order_by()
    )
    visited = dict(
        Visit.objects.filter(household__area__in=area_ids)
        .values_list("household__area")
        .annotate(n=Count("household", distinct=True))
        .order_by()
    )
    adults = {
        row["household__area"]: row
        for row in Resident.objects.filter(household__area__in=area_ids)
        .adults(today)
        .values("household__area")
        .annotate(
            adults=Count("pk"),
            level2=Count("pk", filter=Q(vneid=Vneid.LEVEL2_ACTIVATED)),
        )
        .order_by()
    }
    rows = []
    for area in areas:
        total = households.get(area.pk, 0)
        seen = visited.get(area.pk, 0)
        people = adults.get(area.pk, {"adults": 0, "level2": 0})
        rows.append(
            {
                "area": area,
                "households": total,
                "visited": seen,
                "visited_share": seen / total if total else 0,
                "adults": people["adults"],
                "level2": people["level2"],
                "level2_share": people["level2"] / people["adults"] if people["adults"] else 0,
            }
        )
    return rows


def visits_by_member(*, members, areas, start: datetime.date, end: datetime.date) -> list[dict]:
    """This week's work of each member, in the given areas: visits, households, people, milestones."""
    users = [place.user for place in members]
    visits = Visit.objects.filter(member__in=users, area__in=areas).between(start, end)
    counts = {
        row["member"]: row
        for row in visits.values("member")
        .annotate(
            visits=Count("pk"),
            households=Count("household", distinct=True),
            met=Count("pk", filter=~Q(outcome=Visit.Outcome.NOBODY_HOME)),
        )
        .order_by()
    }
    helped = dict(
        VisitResident.objects.filter(visit__in=visits)
        .exclude(actions=[])
        .values_list("visit__member")
        .annotate(n=Count("resident", distinct=True))
        .order_by()
    )
    milestones = dict(
        AdoptionEvent.objects.filter(
            source=EventSource.VISIT,
            recorded_by__in=users,
            occurred_on__gte=start,
            occurred_on__lte=end,
            resident__household__area__in=areas,
        )
        .values_list("recorded_by")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows = []
    for place in members:
        row = counts.get(place.user_id, {})
        rows.append(
            {
                "place": place,
                "visits": row.get("visits", 0),
                "households": row.get("households", 0),
                "met": row.get("met", 0),
                "helped": helped.get(place.user_id, 0),
                "milestones": milestones.get(place.user_id, 0),
            }
        )
    return rows


def never_visited(queryset):
    return queryset.exclude(pk__in=Visit.objects.values("household"))


def follow_ups_open(queryset, *, today: datetime.date, horizon_days: int = 7):
    """Open follow-ups due within the horizon, overdue ones first."""
    return (
        queryset.open()
        .filter(due_on__lte=today + datetime.timedelta(days=horizon_days))
        .select_related("household__area", "assigned_to", "visit")
        .annotate(
            overdue=Case(When(due_on__lt=today, then=1), default=0, output_field=IntegerField())
        )
        .order_by("due_on", "pk")
    )


def unvisited_by_area(households, areas, *, today: datetime.date, shown: int = 10) -> list[dict]:
    """Per area: how many households were never visited, and the neediest of them."""
    unvisited = never_visited(households)
    counts = dict(
        unvisited.filter(area__in=areas).values_list("area").annotate(n=Count("pk")).order_by()
    )
    rows = []
    for area in areas:
        count = counts.get(area.pk, 0)
        first = (
            list(households_by_need(unvisited.filter(area=area), today=today)[:shown])
            if count
            else []
        )
        rows.append({"area": area, "count": count, "households": first})
    return rows
