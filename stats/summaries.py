"""Per-ward summaries (stats.models.summaries) built from the area roll-ups, and which one a
read may use instead of its area table.

`summarise` replaces a ward's summary rows by one INSERT … SELECT … GROUP BY over its area rows,
inside the caller's transaction, so the two never disagree. `twin` answers the reads: a sum over
every area of the wards, grouped only by columns the summary keeps, reads the summary.
"""

import datetime

from django.db import connection

from stats.models import (
    AdoptionDay,
    AdoptionMonth,
    AdoptionWardDay,
    AdoptionWardMonth,
    ScanDayCount,
    ScanMonthCount,
    ScanWardDay,
    ScanWardMonth,
    VisitDay,
    VisitMonth,
    VisitWardDay,
    VisitWardMonth,
)
from wards import changes

ADOPTION = ("reached", "by_visit", "by_campaign", "by_self_report", "events")
VISITS = ("visits", "met", "households_first")
SCANS = ("scans", "visitors")

# part → (area table, ward summary, the columns it keeps besides ward_id, its counts)
SUMMARIES = {
    changes.Part.PEOPLE: [
        (AdoptionDay, AdoptionWardDay, ("day", "milestone"), ADOPTION),
        (AdoptionMonth, AdoptionWardMonth, ("month", "milestone"), ADOPTION),
    ],
    changes.Part.VISITS: [
        (VisitDay, VisitWardDay, ("day",), VISITS),
        (VisitMonth, VisitWardMonth, ("month",), VISITS),
    ],
    changes.Part.SCANS: [
        (ScanDayCount, ScanWardDay, ("procedure_id", "day"), SCANS),
        (ScanMonthCount, ScanWardMonth, ("procedure_id", "month"), SCANS),
    ],
}
TWINS = {
    source: (summary, frozenset(("ward_id", *keys)))
    for entries in SUMMARIES.values()
    for source, summary, keys, _values in entries
}


def twin(model, keys):
    """The summary to read instead of `model` for a sum over all areas grouped by `keys`
    (a key that follows a relation, "procedure__code", needs the summary to keep its column)."""
    summary, kept = TWINS.get(model, (None, frozenset()))
    columns = {f"{key.split('__')[0]}_id" if "__" in key else key for key in keys}
    return summary if summary is not None and columns <= kept else model


def summarise(*, part: str, ward_ids, since: datetime.date | None = None) -> None:
    """Rebuild the part's summaries of these wards (only from `since`, when given) from their
    area rows. Call inside the transaction that wrote the area rows."""
    ward_ids = sorted(set(ward_ids))
    if not ward_ids:
        return
    for source, summary, keys, values in SUMMARIES.get(part, []):
        grain = "day" if "day" in keys else "month"
        start = since if since is None or grain == "day" else since.replace(day=1)
        stale = summary.objects.filter(ward_id__in=ward_ids)
        if start is not None:
            stale = stale.filter(**{f"{grain}__gte": start})
        stale.delete()
        columns = ", ".join(["ward_id", *keys, *values])
        sums = ", ".join(f"SUM({value})" for value in values)
        where = f"ward_id IN ({', '.join(['%s'] * len(ward_ids))})"
        params = list(ward_ids)
        if start is not None:
            where += f" AND {grain} >= %s"
            params.append(start)
        group = ", ".join(["ward_id", *keys])
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {summary._meta.db_table} ({columns}) "  # noqa: S608 - our columns
                f"SELECT {group}, {sums} FROM {source._meta.db_table} "
                f"WHERE {where} GROUP BY {group}",
                params,
            )
