"""Household import: rows per second for the preview (dry run) and the confirm, SQLite and PostgreSQL.

Runs the same code the admin runs (wards.import_files.read_file, wards.importing.run_import) on a
fresh database with one ward and three areas, for ROWS households (default 5,000; ROWS=50000 for the
issue's size). Each database runs in its own process.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ROWS = int(os.environ.get("ROWS", "5000"))


def one() -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection, transaction

    call_command("migrate", "--no-input", verbosity=0)
    from home.services import ward_site_create
    from wards.import_files import read_file
    from wards.importing import IMPORTERS, run_import
    from wards.models import Area, Household

    ward = ward_site_create(name="Phường Đo", slug="do", province="Tỉnh", hostname="do.test")
    for n in (1, 2, 3):
        Area.objects.create(ward=ward, code=f"kp{n}", name=f"Khu phố {n}")
    user = get_user_model().objects.create_user("do", password="x")
    lines = ["khu_pho,dia_chi,chu_ho,dien_thoai,so_nhan_khau"]
    lines += [
        f"kp{n % 3 + 1},{n} Nguyễn Huệ,Người Thứ {n},09{n % 10**8:08d},{n % 6 + 1}"
        for n in range(ROWS)
    ]
    content = ("\n".join(lines) + "\n").encode()
    importer = IMPORTERS["ho-gia-dinh"]

    started = time.perf_counter()
    preview = run_import(importer, read_file(content, "csv"), ward=ward, user=user, dry_run=True)
    preview_s = time.perf_counter() - started
    started = time.perf_counter()
    with transaction.atomic():
        run = run_import(importer, read_file(content, "csv"), ward=ward, user=user, dry_run=False)
    confirm_s = time.perf_counter() - started
    written = Household.objects.filter(ward=ward).count()
    vendor = connection.vendor
    problems = len(preview.problems) + len(run.problems)
    print(
        f"import preview {vendor:<10} {ROWS:>6} rows {ROWS / preview_s:>8.0f} rows/s ({preview_s:.1f} s)"
    )
    print(
        f"import confirm {vendor:<10} {ROWS:>6} rows {ROWS / confirm_s:>8.0f} rows/s ({confirm_s:.1f} s)"
    )
    print(f"import written {vendor:<10} {written:>6} rows, problems {problems}")
    sys.exit(0 if written == ROWS and not problems else 1)


def main() -> int:
    from bench.lib import fresh_postgres

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev", "DEBUG": "0"}
    status = 0
    with tempfile.TemporaryDirectory(prefix="phuongso-import-") as folder:
        databases = [f"sqlite:///{Path(folder) / 'import.sqlite3'}"]
        try:
            databases.append(fresh_postgres("trust_bench_import"))
        except (OSError, subprocess.CalledProcessError):
            print("PostgreSQL not reachable: SQLite only")
        for url in databases:
            result = subprocess.run(
                [sys.executable, __file__, "--one"],
                env={**env, "DATABASE_URL": url, "MEDIA_ROOT": folder},
                cwd=ROOT,
            )
            status |= result.returncode
    return status


if __name__ == "__main__":
    if "--one" in sys.argv:
        one()
    else:
        sys.exit(main())
