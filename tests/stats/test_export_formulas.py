"""The leaders' workbook shows an area name typed as a formula as text."""

import io

import openpyxl
from django.urls import reverse

from stats import rollups


def test_the_workbook_has_no_live_formula(client, dashboard):
    dashboard.a3.name = '=HYPERLINK("http://x","Khu phố Ba")'
    dashboard.a3.save()
    rollups.rollup_all()
    client.force_login(dashboard.leader)
    response = client.get(reverse("stats:xlsx"))
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert [c.value for c in cells if c.data_type == "f"] == []
    assert '\'=HYPERLINK("http://x","Khu phố Ba")' in [c.value for c in cells]
