"""Signed Twilio webhooks against gunicorn (2 workers): status callbacks and inbound SMS replies,
each at least 300 a second, every signature checked, nothing refused (SQLite, the trial
default, and PostgreSQL).

The inbound run replays residents' replies from the numbers the campaign was sent to, cycling
through a free-text thank-you (no keyword), HUY (opt-out and journeys stopped), DONG Y (opt back
in) and GIUP (a help request for the home-service team), so every keyword path is exercised.
The request only stores the reply and queues its task; a django-q cluster started after the
run acts on them, and the time until none is left unacted is printed (for information)."""

import contextlib
import json
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.lib import WRK_P95, fresh_postgres, gunicorn, report  # noqa: E402
from tests.campaigns.cluster import Cluster, Site, wait_for  # noqa: E402
from tests.fakes.twilio import AUTH_TOKEN, FakeTwilio, status_params, twilio_signature  # noqa: E402

COUNT = 3_000
PG_DB = "phuongso_bench_campaigns"
SENT = """
import json
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from campaigns.models import ChannelAccount, Recipient
Recipient.objects.update(status="accepted", provider_id=Concat(Value("SM"), Cast("id", CharField())))
account = ChannelAccount.objects.get(pk={account})
rows = list(Recipient.objects.values_list("provider_id", "uid", "phone"))
print(json.dumps({{"key": account.key, "rows": [[p, u.hex, n] for p, u, n in rows]}}))
"""


ANALYZE = """
from django.db import connection
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
"""

REPLIES = ("Cảm ơn phường đã nhắc", "HUY", "DONG Y", "GIUP")

REPLIES_HEARD = """
from campaigns.models import OptOut, OptOutEvent
from homeservice.models import ServiceRequest
print(f"{OptOutEvent.objects.count()} opt-out/in events, {OptOut.objects.count()} opted out, "
      f"{ServiceRequest.objects.count()} service requests")
"""


def callbacks(key: str, rows):
    """Status callbacks: "sent" then "delivered" per message."""
    for provider_id, uid, _phone in rows:
        path = f"/webhooks/twilio/{key}/?tracking_id={uid}"
        for status in ("sent", "delivered"):
            yield path, status_params(provider_id, status, To="+84912345678", From="+15005550006")


def replies(key: str, rows):
    """Inbound SMS, as Twilio posts them to the number's messaging webhook."""
    path = f"/webhooks/twilio/{key}/tin-den/"
    for n, (_provider_id, _uid, phone) in enumerate(rows):
        body = REPLIES[n % len(REPLIES)]
        yield path, {"From": phone, "To": "+15005550006", "Body": body, "MessageSid": f"SMin{n}"}


def lua_requests(base: str, signed) -> str:
    """A wrk script cycling through pre-signed requests."""
    lines = ["local requests = {}"]
    for path, params in signed:
        signature = twilio_signature(AUTH_TOKEN, base + path, params)
        headers = (
            '{["Content-Type"]="application/x-www-form-urlencoded", '
            f'["X-Twilio-Signature"]={json.dumps(signature)}}}'
        )
        body = json.dumps(urlencode(params))
        lines.append(
            f'requests[#requests + 1] = wrk.format("POST", {json.dumps(path)}, {headers}, {body})'
        )
    # The second thread starts half-way through the list: each request still comes twice in a
    # long run (a provider's retry), but seconds apart as a retry does, not in the same instant
    # from both threads (which made every insert wait on its twin's commit).
    lines.append("local i = 0")
    lines.append("local lanes = 0")
    lines.append("setup = function(thread) thread:set('lane', lanes); lanes = lanes + 1 end")
    lines.append("init = function(args) i = (lane or 0) * math.floor(#requests / 2) end")
    lines.append("request = function() i = i % #requests + 1; return requests[i] end")
    return "\n".join(lines) + "\n" + WRK_P95


def drive(base: str, signed, folder: str) -> dict:
    script = Path(folder) / "requests.lua"
    script.write_text(lua_requests(base, signed))
    out = subprocess.run(
        [shutil.which("wrk"), "-t2", "-c16", "-d10s", "-s", str(script), base + "/"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p95_ms": int(re.search(r"P95_US (\d+)", out).group(1)) / 1000,
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
    }


def unacted(site: Site) -> tuple[int, int]:
    """(replies kept, replies not yet acted on), read without starting Django."""
    query = "SELECT COUNT(*), COUNT(*) - COUNT(acted_at) FROM campaigns_inboundmessage"
    if site.sqlite_path:
        with contextlib.closing(sqlite3.connect(site.sqlite_path, timeout=30)) as db:
            return db.execute(query).fetchone()
    import psycopg

    with psycopg.connect(site.database_url) as db:
        return db.execute(query).fetchone()


def act_on_replies(site: Site) -> dict:
    """Start a cluster and time it until every kept reply has been acted on."""
    kept, _ = unacted(site)
    started = time.perf_counter()
    with Cluster(site, "bench-qcluster.log"):
        done = wait_for(lambda: unacted(site)[1] == 0, timeout=600, interval=0.5)
    return {"kept": kept, "seconds": time.perf_counter() - started, "done": done}


def measure(database_url: str | None) -> dict:
    site = Site(database_url)
    try:
        site.migrate()
        site.manage("collectstatic", "--no-input", "-v0")
        # The fake stays up: the help texts the cluster sends afterwards go to it.
        with FakeTwilio() as fake:
            ids = site.seed(COUNT, "twilio_sms", fake.channel_config(), rate=100)
            site.submit(ids["campaign"])
            raw = site.python(SENT.format(account=ids["account"]))
            sent = json.loads(raw.strip().splitlines()[-1])
            # What autovacuum does within a minute of the seed: without statistics PostgreSQL
            # walks every household for a reply's phone (8.7 ms instead of 0.08 ms).
            site.python(ANALYZE)
            with gunicorn(site.env, workers=2) as base, tempfile.TemporaryDirectory() as folder:
                results = {
                    "webhooks": drive(base, callbacks(sent["key"], sent["rows"]), folder),
                    "inbound": drive(base, replies(sent["key"], sent["rows"]), folder),
                }
            results["acting"] = act_on_replies(site)
        results["statuses"] = site.statuses()
        results["replies"] = site.python(REPLIES_HEARD).strip().splitlines()[-1]
    finally:
        site.close()
    return results


def main() -> int:
    ok = True
    for label, url in (("sqlite", None), ("postgres", fresh_postgres(PG_DB))):
        result = measure(url)
        print(f"    {label}: rows after the run {result['statuses']}; replies {result['replies']}")
        acting = result["acting"]
        ok &= report(
            f"campaign.inbound_acted_seconds.{label}",
            round(acting["seconds"], 1),
            "s",
            f"(info: {acting['kept']} kept replies acted on by one cluster)",
            acting["done"],
        )
        for kind in ("webhooks", "inbound"):
            figures = result[kind]
            ok &= report(
                f"campaign.{kind}_per_second.{label}",
                figures["rps"],
                "req/s",
                ">= 300",
                figures["rps"] >= 300,
            )
            report(f"campaign.{kind}_p95_ms.{label}", figures["p95_ms"], "ms", "(info)", True)
            ok &= report(
                f"campaign.{kind}_refused.{label}",
                figures["errors"],
                "",
                "0",
                figures["errors"] == 0,
            )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
