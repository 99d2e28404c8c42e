"""Signed Twilio status callbacks against gunicorn (2 workers): at least 300 a second, every
signature checked, nothing refused (SQLite, the trial default, and PostgreSQL)."""

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.lib import WRK_P95, fresh_postgres, gunicorn, report  # noqa: E402
from tests.campaigns.cluster import Site  # noqa: E402
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
rows = list(Recipient.objects.values_list("provider_id", "uid"))
print(json.dumps({{"key": account.key, "rows": [[p, u.hex] for p, u in rows]}}))
"""


def lua_requests(base: str, key: str, rows) -> str:
    """A wrk script cycling through pre-signed callbacks: "sent" then "delivered" per message."""
    lines = ["local requests = {}"]
    for provider_id, uid in rows:
        path = f"/webhooks/twilio/{key}/?tracking_id={uid}"
        for status in ("sent", "delivered"):
            params = status_params(provider_id, status, To="+84912345678", From="+15005550006")
            signature = twilio_signature(AUTH_TOKEN, base + path, params)
            headers = (
                '{["Content-Type"]="application/x-www-form-urlencoded", '
                f'["X-Twilio-Signature"]={json.dumps(signature)}}}'
            )
            body = json.dumps(urlencode(params))
            lines.append(
                f'requests[#requests + 1] = wrk.format("POST", {json.dumps(path)}, {headers}, {body})'
            )
    lines.append("local i = 0")
    lines.append("request = function() i = i % #requests + 1; return requests[i] end")
    return "\n".join(lines) + "\n" + WRK_P95


def measure(database_url: str | None) -> dict:
    site = Site(database_url)
    try:
        site.migrate()
        site.manage("collectstatic", "--no-input", "-v0")
        with FakeTwilio() as fake:
            ids = site.seed(COUNT, "twilio_sms", fake.channel_config(), rate=100)
        site.submit(ids["campaign"])
        sent = json.loads(site.python(SENT.format(account=ids["account"])).strip().splitlines()[-1])
        with gunicorn(site.env, workers=2) as base, tempfile.TemporaryDirectory() as folder:
            script = Path(folder) / "callbacks.lua"
            script.write_text(lua_requests(base, sent["key"], sent["rows"]))
            out = subprocess.run(
                [shutil.which("wrk"), "-t2", "-c16", "-d10s", "-s", str(script), base + "/"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        statuses = site.statuses()
    finally:
        site.close()
    import re

    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p95_ms": int(re.search(r"P95_US (\d+)", out).group(1)) / 1000,
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
        "statuses": statuses,
    }


def main() -> int:
    ok = True
    for label, url in (("sqlite", None), ("postgres", fresh_postgres(PG_DB))):
        result = measure(url)
        print(f"    {label}: rows after the run {result['statuses']}")
        ok &= report(
            f"campaign.webhooks_per_second.{label}",
            result["rps"],
            "req/s",
            ">= 300",
            result["rps"] >= 300,
        )
        report(f"campaign.webhooks_p95_ms.{label}", result["p95_ms"], "ms", "(info)", True)
        ok &= report(
            f"campaign.webhooks_refused.{label}", result["errors"], "", "0", result["errors"] == 0
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
