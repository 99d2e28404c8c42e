"""Kill the real worker cluster twice in the middle of a send (SIGKILL, no clean-up), restart it:
every recipient ends with exactly one message at the provider, none twice, none missing.

The bench (bench/bench_campaign_crash.py) does the same with 5,000 messages and waits for the
minute schedule; this smaller run enqueues the tick itself to stay well under a minute.
"""

import collections

import pytest

from tests.campaigns.cluster import Cluster, Site, wait_for
from tests.fakes.twilio import FakeTwilio

pytestmark = pytest.mark.slow
COUNT = 300


def test_killed_twice_mid_send_every_recipient_gets_exactly_one_message():
    site = Site(
        CAMPAIGN_SEND_LEASE_SECONDS=3,
        CAMPAIGN_DISPATCHER_STALE_SECONDS=2,
        Q_WORKERS=2,
    )
    try:
        site.migrate()
        with FakeTwilio() as fake:
            fake.delay = 0.005  # a provider that takes a little time, so kills land mid-call
            ids = site.seed(COUNT, "twilio_sms", fake.channel_config(timeout=2), rate=100)
            site.submit(ids["campaign"])
            for kill_after in (COUNT // 3, 2 * COUNT // 3):
                with Cluster(site) as cluster:
                    assert wait_for(lambda n=kill_after: len(fake.accepted) >= n, timeout=30)
                    cluster.kill()
                # The restarted cluster finds the dead dispatcher's lease and claims (the
                # minute schedule would enqueue this tick; here we do not wait for it).
                site.enqueue_tick()
            with Cluster(site):
                site.enqueue_tick()
                done = wait_for(lambda: len(fake.accepted) >= COUNT, timeout=40)
                settled = wait_for(
                    lambda: set(site.statuses()) <= {"accepted", "delivered"}, timeout=20
                )
            phones = collections.Counter(m["phone"] for m in fake.accepted)
            assert done and settled, site.statuses()
            assert len(phones) == COUNT
            assert max(phones.values()) == 1
            assert site.statuses() == {"accepted": COUNT}
    finally:
        site.close()
