"""The recipients CSV shows a resident name typed as a formula as text."""

import csv
import io

from campaigns.models import Recipient
from tests.campaigns.conftest import campaign, person

NAME = '=HYPERLINK("http://x","bấm")'


def test_the_recipients_csv_neutralises_formula_text(client, world):
    resident = person(world.a1, NAME)
    built = campaign(world.a, world.console, world.comms, areas=[world.a1])
    Recipient.objects.create(campaign=built, resident=resident, area=world.a1, phone=resident.phone)
    client.force_login(world.comms)
    response = client.get(f"/admin/chien-dich/{built.pk}/nguoi-nhan.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][0] == "'" + NAME
