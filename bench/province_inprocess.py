"""The province dashboard timed inside one process: no server, no network, so two versions of
the code can be compared on the same database while the machine is busy (alternate the runs).

    DATABASE_URL=postgres://…/<db> .venv/bin/python bench/province_inprocess.py [--requests 15]

Signs in as a province administrator, warms up with two requests, then prints the median and
the fastest of `--requests` requests, and the queries and SQL time of one more.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=15)
    parser.add_argument("--url", default="/thong-ke/")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from wards.models import Ward
    from wards.roles import Role
    from wards.services import membership_grant

    settings.ALLOWED_HOSTS = ["*"]
    user, _ = get_user_model().objects.get_or_create(username="bench_tinh_inprocess")
    membership_grant(user=user, ward=None, role=Role.PROVINCE_ADMIN)
    client = Client()
    client.force_login(user)
    for _ in range(2):
        assert client.get(args.url).status_code == 200
    times = []
    for _ in range(args.requests):
        started = time.perf_counter()
        client.get(args.url)
        times.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(args.url)
    sql = sum(float(q["time"]) for q in queries.captured_queries)
    print(
        f"wards {Ward.objects.count()}: median {statistics.median(times):.0f} ms, "
        f"fastest {min(times):.0f} ms; {len(queries.captured_queries)} queries, {sql:.3f} s in SQL"
    )


if __name__ == "__main__":
    main()
