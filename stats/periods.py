"""Calendar arithmetic for reports: months, weeks, and splitting a range into whole months."""

import datetime

ONE_DAY = datetime.timedelta(days=1)
EPOCH = datetime.date(1900, 1, 1)


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def month_end(day: datetime.date) -> datetime.date:
    return next_month(day) - ONE_DAY


def previous_month_end(day: datetime.date) -> datetime.date:
    return month_start(day) - ONE_DAY


def months(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """First days of the months from start's to end's, inclusive."""
    result, month = [], month_start(start)
    while month <= end:
        result.append(month)
        month = next_month(month)
    return result


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def pieces(
    start: datetime.date, end: datetime.date
) -> list[tuple[str, datetime.date, datetime.date]]:
    """Cover [start, end] with ("month", first, last month) for whole months and ("day", a, b)
    for the partial months at either end, so a sum reads few rows however long the range."""
    if start > end:
        return []
    first_whole = start if start.day == 1 else next_month(start)
    last_whole_end = end if end == month_end(end) else month_start(end) - ONE_DAY
    if first_whole > last_whole_end:
        return [("day", start, end)]
    result = []
    if start < first_whole:
        result.append(("day", start, first_whole - ONE_DAY))
    result.append(("month", first_whole, month_start(last_whole_end)))
    if last_whole_end < end:
        result.append(("day", last_whole_end + ONE_DAY, end))
    return result
