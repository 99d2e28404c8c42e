"""Writing a campaign's recipient rows fast: 20,000 rows in a fraction of a second.

`bulk_create` prepares every field of every row in Python (4.7 s for 20,000 rows of 23
fields, measured on PostgreSQL); COPY on PostgreSQL and a plain executemany elsewhere write
the same rows in well under a second. Only the columns a new row needs are written; the
others are nullable and start empty.
"""

from django.db import connection

from campaigns.models import Recipient

COLUMNS = [
    "campaign_id",
    "resident_id",
    "area_id",
    "uid",
    "phone",
    "status",
    "exclusion",
    "failure",
    "error_code",
    "channel_account_id",
    "used_fallback",
    "link_code",
    "body",
    "provider_id",
    "claim",
    "attempts",
    "clicks",
]


def _values(row: Recipient, postgres: bool) -> tuple:
    return (
        row.campaign_id,
        row.resident_id,
        row.area_id,
        row.uid if postgres else row.uid.hex,
        row.phone,
        row.status,
        row.exclusion,
        row.failure,
        row.error_code,
        row.channel_account_id,
        row.used_fallback,
        row.link_code,
        row.body,
        row.provider_id,
        row.claim,
        row.attempts,
        row.clicks,
    )


def insert_recipients(rows: list[Recipient]) -> None:
    table = connection.ops.quote_name(Recipient._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in COLUMNS)
    postgres = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        if postgres:
            raw = cursor.cursor  # psycopg 3 cursor under Django's wrapper
            with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(_values(row, postgres))
            return
        placeholders = ", ".join(["%s"] * len(COLUMNS))
        cursor.executemany(
            f"INSERT INTO {table} ({columns}) VALUES ({placeholders})",  # noqa: S608 - names are ours
            [_values(row, postgres) for row in rows],
        )
