"""Run one fake provider on its own, e.g. for a staging or demo site:

    python -m tests.fakes twilio --port 8025 --callbacks-after 2
    python -m tests.fakes zalo --port 8026 --webhook-url https://staging.example/cb/zalo/

It prints the channel settings that point at it, then serves until interrupted.
"""

import argparse
import json
import time

from .esms import FakeEsms
from .twilio import FakeTwilio
from .zalo import FakeZalo

FAKES = {"twilio": FakeTwilio, "zalo": FakeZalo, "esms": FakeEsms}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.fakes")
    parser.add_argument("provider", choices=sorted(FAKES))
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument(
        "--callbacks-after", type=float, default=None, help="seconds before 'delivered'"
    )
    parser.add_argument("--webhook-url", default="", help="Zalo only: where to post webhooks")
    args = parser.parse_args()
    fake = FAKES[args.provider](host=args.host, port=args.port)
    fake.auto_callback_after = args.callbacks_after
    if args.webhook_url:
        fake.webhook_url = args.webhook_url
    with fake:
        print(json.dumps(fake.channel_config(), indent=2), flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
