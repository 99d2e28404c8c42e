"""Writing a campaign's recipient rows fast: 20,000 rows in a fraction of a second.

`bulk_create` prepares every field of every row in Python (4.7 s for 20,000 rows of 23
fields, measured on PostgreSQL); wards.bulk.insert_rows (COPY on PostgreSQL, executemany
elsewhere) writes the same rows in well under a second. Only the columns a new row needs are
written; the others are nullable and start empty.
"""

from django.db import connection

from campaigns.models import Recipient
from wards.bulk import insert_rows

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
    postgres = connection.vendor == "postgresql"
    insert_rows(Recipient, COLUMNS, [_values(row, postgres) for row in rows])
