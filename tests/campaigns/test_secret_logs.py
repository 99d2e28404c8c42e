"""The eSMS callback token (the only secret a provider's URL carries) never reaches a log."""

import datetime
import logging
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from config.accesslog import RedactingLogger, RedactSecrets, redact
from tests.campaigns.conftest import esms_account
from tests.fakes.esms import CALLBACK_TOKEN, FakeEsms, callback_query


def test_gunicorn_access_log_masks_the_token():
    logger = RedactingLogger(Config())
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/webhooks/esms/k/?SMSID=1&token={CALLBACK_TOKEN}&RequestId=2",
        "PATH_INFO": "/webhooks/esms/k/",
        "QUERY_STRING": f"SMSID=1&token={CALLBACK_TOKEN}&RequestId=2",
        "SERVER_PROTOCOL": "HTTP/1.1",
    }
    response = SimpleNamespace(status="200 OK", sent=2, headers=[])
    atoms = logger.atoms(response, SimpleNamespace(headers=[]), environ, datetime.timedelta(0))
    line = logger.cfg.access_log_format % atoms
    assert CALLBACK_TOKEN not in line and "token=***" in line and "SMSID=1" in line


def test_django_request_lines_mask_the_token():
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        "",
        0,
        '"%s" %s %s',
        (f"GET /webhooks/esms/k/?token={CALLBACK_TOKEN} HTTP/1.1", "200", "2"),
        None,
    )
    RedactSecrets().filter(record)
    assert CALLBACK_TOKEN not in record.getMessage()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/a/?token=abc", "/a/?token=***"),
        ("/a/?x=1&TOKEN=abc&y=2", "/a/?x=1&TOKEN=***&y=2"),
        ("/a/?tokens=abc", "/a/?tokens=abc"),
        ("", ""),
    ],
)
def test_redact(text, expected):
    assert redact(text) == expected


@pytest.mark.django_db
def test_an_esms_callback_logs_no_token(world, client, caplog):
    with FakeEsms() as fake:
        account = esms_account(world.a, fake)
    with caplog.at_level(logging.DEBUG):
        query = {**callback_query("no-such", "", 5), "token": "wrong-token-xyz"}
        client.get(f"/webhooks/esms/{account.key}/", query)
        client.get(f"/webhooks/esms/{account.key}/", {**query, "token": CALLBACK_TOKEN})
    assert CALLBACK_TOKEN not in caplog.text and "wrong-token-xyz" not in caplog.text
