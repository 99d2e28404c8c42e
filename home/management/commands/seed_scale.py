import datetime
import importlib
import time

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from home.services import ward_site_create
from wards.generate import generate_people
from wards.models import Area, Ward


class Command(BaseCommand):
    help = "Create N wards of generated people with bulk inserts, for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--wards", type=int, default=1)
        parser.add_argument("--areas", type=int, default=10, help="areas per ward")
        parser.add_argument("--households", type=int, default=300, help="households per area")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--prefix", default="scale")
        # Volumes for the other apps, per ward; each app with a `scale` module seeds its part.
        parser.add_argument("--visits", type=int, default=0, help="household visits per ward")
        parser.add_argument("--scans", type=int, default=0, help="QR scans per ward")
        parser.add_argument("--messages", type=int, default=0, help="campaign messages per ward")
        parser.add_argument("--rollups", action="store_true", help="build report roll-ups")

    def handle(self, *args, wards, areas, households, seed, prefix, **options):
        hooks = scale_hooks()
        started = time.perf_counter()
        today = datetime.date.today()
        start = Ward.objects.filter(slug__startswith=f"{prefix}-").count()
        totals = [0, 0, 0]
        for number in range(start + 1, start + wards + 1):
            with transaction.atomic():
                ward = ward_site_create(
                    name=f"Phường Thử Nghiệm {number}",
                    slug=f"{prefix}-{number}",
                    province="Tỉnh Thử Nghiệm",
                    hostname=f"{prefix}-{number}.localhost",
                )
                ward_areas = Area.objects.bulk_create(
                    [
                        Area(ward=ward, code=f"kp{i}", name=f"Khu phố {i}")
                        for i in range(1, areas + 1)
                    ]
                )
                counts = generate_people(
                    ward=ward,
                    areas=ward_areas,
                    households_per_area=households,
                    seed=seed * 100_000 + number,
                    today=today,
                )
                for hook in hooks:
                    if hasattr(hook, "seed_ward"):
                        hook.seed_ward(
                            ward=ward, areas=ward_areas, options=options, seed=number, today=today
                        )
            for hook in hooks:
                if hasattr(hook, "after_ward"):
                    hook.after_ward(ward=ward, options=options, today=today)
            totals = [
                totals[0] + counts.households,
                totals[1] + counts.residents,
                totals[2] + counts.events,
            ]
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"seed_scale: {wards} wards, {totals[0]} households, {totals[1]} residents, "
            f"{totals[2]} events in {seconds:.1f} s"
        )


def scale_hooks() -> list:
    """`<app>.scale` modules of the installed apps, as `load_demo` finds `<app>.demo`."""
    hooks = []
    for config in apps.get_app_configs():
        try:
            hooks.append(importlib.import_module(f"{config.name}.scale"))
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.scale":
                raise
    return hooks
