import time

from django.core.management.base import BaseCommand

from assistant import services
from wards.models import Ward


class Command(BaseCommand):
    help = "Dựng lại chỉ mục của trợ lý thủ tục cho mọi phường (hoặc một phường theo slug)."

    def add_arguments(self, parser):
        parser.add_argument("--ward", help="slug của phường")

    def handle(self, *args, ward=None, **options):
        wards = Ward.objects.select_related("site")
        if ward:
            wards = wards.filter(slug=ward)
        for one in wards:
            started = time.perf_counter()
            count = services.index_rebuild(ward=one)
            self.stdout.write(f"{one.name}: {count} trang, {time.perf_counter() - started:.1f} s")
