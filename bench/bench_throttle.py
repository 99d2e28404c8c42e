"""Sign-in throttle across real gunicorn workers: wrong passwords checked before the lock.

Two gunicorn workers on a fresh SQLite database (or DATABASE_URL), 30 wrong passwords for one
account sent 10 at a time from separate sessions: exactly LOGIN_THROTTLE_ATTEMPTS (5) may be checked,
every other one gets 429, and then the right password is refused too until the window ends.
Also prints the same through /admin/login/, the second sign-in path.
"""

import concurrent.futures
import re
import sys
import tempfile
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.lib import bench_env, gunicorn, manage, report  # noqa: E402

LIMIT = 5
ATTEMPTS = 30
MAKE_USER = (
    "from django.contrib.auth import get_user_model;"
    "get_user_model().objects.create_user('{name}', password='right-password-1')"
)


def attempt(base: str, path: str, username: str, password: str, address: str) -> int:
    with httpx.Client(base_url=base, timeout=30) as client:
        page = client.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        response = client.post(
            path,
            data={"username": username, "password": password, "csrfmiddlewaretoken": token},
            headers={"Referer": base + path, "X-Forwarded-For": address},
        )
        return response.status_code


def run(base: str, path: str, username: str, address: str) -> tuple[int, int]:
    with concurrent.futures.ThreadPoolExecutor(10) as pool:
        codes = list(
            pool.map(lambda _n: attempt(base, path, username, "wrong", address), range(ATTEMPTS))
        )
    checked = codes.count(400)  # a wrong password checked: the form again, with its message
    right = attempt(base, path, username, "right-password-1", address)
    return checked, right


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="phuongso-throttle-") as folder:
        # One proxy of our own in front (as behind nginx): each path's clients get their own address,
        # so the per-client limit (4 × 5) does not mask the per-account one.
        env = bench_env(
            Path(folder) / "throttle.sqlite3",
            MEDIA_ROOT=str(Path(folder) / "media"),
            TRUSTED_PROXY_COUNT="1",
        )
        manage("migrate", "--no-input", "-v0", env=env)
        manage("collectstatic", "--no-input", "-v0", env=env)
        for name in ("canbo1", "canbo2"):
            manage("shell", "-c", MAKE_USER.format(name=name), env=env)
        ok = True
        with gunicorn(env, workers=2) as base:
            for path, name, client in (
                ("/dang-nhap/", "canbo1", "198.51.100.1"),
                ("/admin/login/", "canbo2", "198.51.100.2"),
            ):
                checked, right = run(base, path, name, client)
                ok &= report(
                    f"wrong passwords checked before lock {path}",
                    checked,
                    "tries",
                    f"== {LIMIT}",
                    checked == LIMIT,
                )
                ok &= report(
                    f"right password after the lock {path} (HTTP)",
                    right,
                    "code",
                    "429",
                    right == 429,
                )
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
