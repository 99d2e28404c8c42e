from django.core.management.base import BaseCommand

from qr.services import RAW_SCAN_DAYS, scans_roll_up


class Command(BaseCommand):
    help = "Roll raw QR scans older than 90 days into daily totals (also scheduled daily)."

    def add_arguments(self, parser):
        parser.add_argument("--keep-days", type=int, default=RAW_SCAN_DAYS)

    def handle(self, *args, keep_days, **options):
        moved = scans_roll_up(keep_days=keep_days)
        self.stdout.write(f"{moved} raw scans rolled into daily totals")
