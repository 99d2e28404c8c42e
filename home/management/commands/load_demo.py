from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home import demo


class Command(BaseCommand):
    help = "Load the demo ward (idempotent). Refused where DEMO_ALLOWED is off, as in production."

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_ALLOWED", False):
            raise CommandError("The demo ward and its logins are never created in production.")
        ward = demo.load(stdout=self.stdout)
        people = ward.households.count()
        self.stdout.write(self.style.SUCCESS(f"Demo ward “{ward.name}”: {people} households."))
        self.stdout.write(f"Demo logins (password {demo.PASSWORD}):")
        for username, _role, _areas, label in demo.LOGINS:
            self.stdout.write(f"  {username:<12} {label}")
