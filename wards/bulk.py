"""Fast bulk inserts of plain rows for generated data (demo ward, seed_scale).

The ORM's bulk_create spends most of its time compiling SQL and building model instances; for
hundreds of thousands of rows we write tuples directly: COPY on PostgreSQL, executemany on SQLite.
Ids are assigned by the caller (`next_ids`), so related rows can be written without a read-back;
only one writer may run at a time, and sequences are reset afterwards.
"""

from django.core.management.color import no_style
from django.db import connection


def next_id(model) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {model._meta.db_table}")  # noqa: S608
        return cursor.fetchone()[0] + 1


def insert_rows(model, columns: list[str], rows: list[tuple]) -> None:
    if not rows:
        return
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            names = ", ".join(columns)
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})",  # noqa: S608
                rows,
            )


def reset_sequences(*models) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
