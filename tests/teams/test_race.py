"""Four phones send, at the same moment, batches that meet the same new person in one household:
one resident is created.

On PostgreSQL (DATABASE_URL) the phones are threads of this process; on SQLite (whose test
database lives in memory, shared by threads with table locks) they are four processes on a copy
of the database in a file. Either way every phone has checked its batch (nobody of that name
yet) before any of them saves."""

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time

import pytest
from django.db import connection

from teams import sync
from tests.teams.conftest import record
from wards.models import Resident

PHONES = 4
NAME = "Hoàng Thị Mới"


def race_in_threads(teams, monkeypatch) -> list[str]:
    barrier = threading.Barrier(PHONES, timeout=60)
    real_save = sync._save

    def save_together(member, drafts):
        barrier.wait()
        return real_save(member, drafts)

    monkeypatch.setattr(sync, "_save", save_together)
    statuses, failures = [], []

    def phone():
        try:
            met = [{"new_full_name": NAME, "new_birth_year": 1960}]
            batch = [record(teams.household, attendees=met)]
            statuses.extend(r.status for r in sync.sync_batch(member=teams.member, records=batch))
        except Exception as error:  # noqa: BLE001 - reported by the assertion
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=phone) for _ in range(PHONES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not failures
    return statuses


def race_in_processes(teams, tmp_path) -> tuple[list[str], int]:
    path = tmp_path / "race.sqlite3"
    with sqlite3.connect(path) as copy:
        connection.ensure_connection()
        connection.connection.backup(copy)
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}"}
    save_at = time.time() + 25  # every process has started and checked its batch by then
    phones = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.teams.race_phone",
                str(teams.member.pk),
                str(teams.household.pk),
                str(save_at),
            ],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(PHONES)
    ]
    statuses = []
    for phone in phones:
        out, _err = phone.communicate(timeout=180)
        assert phone.returncode == 0
        statuses += json.loads(out.strip().splitlines()[-1])
    assert time.time() >= save_at  # the saves really waited for each other
    with sqlite3.connect(path) as copy:
        (count,) = copy.execute(
            "SELECT COUNT(*) FROM wards_resident WHERE household_id = ? AND full_name = ?",
            (teams.household.pk, NAME),
        ).fetchone()
    return statuses, count


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_four_concurrent_batches_meeting_one_new_person_create_one_resident(
    teams, monkeypatch, tmp_path
):
    if connection.vendor == "sqlite":
        statuses, count = race_in_processes(teams, tmp_path)
    else:
        statuses = race_in_threads(teams, monkeypatch)
        count = Resident.objects.filter(household=teams.household, full_name=NAME).count()
    assert statuses == ["created"] * PHONES  # four visits, all saved
    assert count == 1  # one new person
