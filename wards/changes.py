"""The change feed: every write of ward data says which part of which wards it changed.

Call `record` from the service that writes, in its transaction, for single rows and bulk writes
alike (bulk_create, update() and COPY send no signals, so nothing here relies on them). Readers such
as the statistics roll-ups take the marks with `pending` and delete them with `consume` once read;
nothing in `wards` knows who reads.
"""

from collections.abc import Iterable

from django.db.models import F, Window
from django.db.models.functions import RowNumber

from wards.models import ChangeMark

Part = ChangeMark.Part


def record(*, ward_ids: Iterable[int | None], part: str = Part.PEOPLE) -> None:
    """Mark `part` of each ward changed. Ids may repeat or be None (rows with no ward)."""
    marks = [ChangeMark(ward_id=ward_id, part=part) for ward_id in set(ward_ids) if ward_id]
    if marks:
        ChangeMark.objects.bulk_create(marks)


def pending(*, limit: int = 10_000) -> list[tuple[int, int, str]]:
    """Marks as (mark id, ward id, part): every marked (ward, part), each with its oldest `limit`
    marks. Taken per (ward, part) so that one ward's sending campaign, a mark per delivery receipt,
    never holds back another ward's figures; only the ids read are consumed, so a mark committed
    while the reader works waits for the next run instead of being dropped unread.

    One query, numbering each pair's marks in id order, however many wards are marked."""
    ranked = ChangeMark.objects.annotate(
        rank=Window(RowNumber(), partition_by=[F("ward_id"), F("part")], order_by=F("pk").asc())
    )
    rows = ranked.filter(rank__lte=limit).order_by("ward_id", "part", "pk")
    return list(rows.values_list("pk", "ward_id", "part"))


def consume(mark_ids: list[int]) -> None:
    """Delete marks that have been read, in chunks that stay under SQLite's variable limit."""
    for start in range(0, len(mark_ids), 500):
        ChangeMark.objects.filter(pk__in=mark_ids[start : start + 500]).delete()
