"""The stats part of `manage.py seed_scale` (see wards.scale): each ward's roll-ups, once its
rows are committed, when asked with `--rollups`."""

import datetime

from stats.rollups import rollup_ward


def add_arguments(parser) -> None:
    parser.add_argument("--rollups", action="store_true", help="build report roll-ups")


def after_ward(*, ward, options: dict, today: datetime.date) -> None:
    if options.get("rollups"):
        rollup_ward(ward=ward, today=today)
