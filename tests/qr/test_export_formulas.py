"""The scan report CSV shows a placement typed as a formula as text."""

import csv
import io

from django.urls import reverse
from django.utils import timezone

from qr.models import Scan
from qr.services import short_link_get_or_create


def test_the_scan_csv_neutralises_formula_text(staff_client, catalogue):
    catalogue.counter.label = '=HYPERLINK("http://x","bấm")'
    catalogue.counter.save()
    link = short_link_get_or_create(procedure=catalogue.birth, placement=catalogue.counter)
    Scan.objects.create(link=link, at=timezone.now(), device="mobile", visitor="v")
    response = staff_client.get(reverse("qr_scan_report_csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert any(row[3] == '\'=HYPERLINK("http://x","bấm")' for row in rows[1:])
