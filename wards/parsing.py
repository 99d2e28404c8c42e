"""Values read from requests (query strings, JSON, headers) as bounded, checked Python values.

Every parser returns None for anything it cannot read, so a crafted value (Feb 30, year 9999, an id
of 70 bits, a number of 5,000 digits) becomes "not given" or a 4xx, never an exception in a view.
"""

import datetime

from django.utils.dateparse import parse_date, parse_datetime

LARGEST_ID = 2**63 - 1  # PostgreSQL bigint; SQLite's INTEGER is the same width
ID_DIGITS = 19
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100  # a date outside this is a typo or an attack


def bounded_id(value) -> int | None:
    """A database id from a string or a JSON number, or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 < value <= LARGEST_ID else None
    text = str(value).strip() if value is not None else ""
    if not text.isascii() or not text.isdigit() or len(text) > ID_DIGITS:
        return None
    number = int(text)
    return number if 0 < number <= LARGEST_ID else None


def _plausible(day: datetime.date) -> bool:
    return EARLIEST_YEAR <= day.year <= LATEST_YEAR


def bounded_date(value) -> datetime.date | None:
    """An ISO date (2026-02-28) of a plausible year, or None (Feb 30, 9999-12-31, junk)."""
    if not isinstance(value, str) or len(value) > 10:
        return None
    try:
        day = parse_date(value.strip())
    except ValueError:
        return None
    return day if day is not None and _plausible(day) else None


def bounded_datetime(value) -> datetime.datetime | None:
    """An ISO date-time of a plausible year, aware (UTC when no offset was given), or None."""
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        moment = parse_datetime(value.strip())
    except ValueError:
        return None
    if moment is None or not _plausible(moment):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment
