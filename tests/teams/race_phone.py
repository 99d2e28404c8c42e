"""One phone of the race test (tests/teams/test_race.py), run as its own process against a
SQLite file: checks its batch, waits until every phone has checked, then saves.

Usage: python -m tests.teams.race_phone <member id> <household id> <start at (epoch seconds)>"""

import json
import os
import sys
import time
import uuid

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.utils import timezone  # noqa: E402

from teams import sync  # noqa: E402


def main(member_id: str, household_id: str, save_at: str) -> None:
    real_save = sync._save

    def save_together(member, drafts):
        time.sleep(max(0.0, float(save_at) - time.time()))
        return real_save(member, drafts)

    sync._save = save_together
    member = get_user_model().objects.get(pk=int(member_id))
    record = {
        "client_uuid": str(uuid.uuid4()),
        "household_id": int(household_id),
        "visited_at": timezone.now().isoformat(),
        "outcome": "done",
        "attendees": [{"new_full_name": "Hoàng Thị Mới", "new_birth_year": 1960}],
    }
    results = sync.sync_batch(member=member, records=[record])
    print(json.dumps([result.status for result in results]))


if __name__ == "__main__":
    main(*sys.argv[1:4])
