import datetime
import importlib
import time

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from home.services import ward_site_create
from wards.models import Area, Ward


class Command(BaseCommand):
    help = "Create N wards of generated people with bulk inserts, for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--wards", type=int, default=1)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--prefix", default="scale")
        # Each app's part (wards.scale describes the contract) adds its own volumes.
        for part in scale_parts():
            if hasattr(part, "add_arguments"):
                part.add_arguments(parser)

    def handle(self, *args, wards, prefix, **options):
        parts = scale_parts()
        started = time.perf_counter()
        today = datetime.date.today()
        start = Ward.objects.filter(slug__startswith=f"{prefix}-").count()
        totals: dict[str, int] = {}
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
                        for i in range(1, options["areas"] + 1)
                    ]
                )
                for part in parts:
                    if hasattr(part, "seed_ward"):
                        done = part.seed_ward(
                            ward=ward, areas=ward_areas, options=options, seed=number, today=today
                        )
                        for key, count in (done or {}).items():
                            totals[key] = totals.get(key, 0) + count
            for part in parts:
                if hasattr(part, "after_ward"):
                    part.after_ward(ward=ward, options=options, today=today)
        seconds = time.perf_counter() - started
        counted = ", ".join(f"{count} {key}" for key, count in totals.items())
        self.stdout.write(f"seed_scale: {wards} wards, {counted} in {seconds:.1f} s")


def scale_parts() -> list:
    """`<app>.scale` modules of the installed apps, in the order of INSTALLED_APPS."""
    parts = []
    for config in apps.get_app_configs():
        try:
            parts.append(importlib.import_module(f"{config.name}.scale"))
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.scale":
                raise
    return parts
