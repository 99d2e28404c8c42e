"""Run the campaigns' minute tick once (from cron, when no django-q scheduler runs)."""

from django.core.management.base import BaseCommand

from campaigns.tasks import tick


class Command(BaseCommand):
    help = "Start due campaigns, resume paused ones, restart sending, refresh access tokens."

    def handle(self, *args, **options):
        self.stdout.write(str(tick()))
