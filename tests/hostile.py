"""Hostile input for the property tests: generated text, numbers and dates, plus known crashers.

`tally` counts every request the property tests send and every 5xx seen; tests/conftest.py prints
the totals at the end of the run.
"""

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

CRASHERS = [
    "1e5000",
    "1e1000000",
    str(2**70),
    "-" + str(2**70),
    "9" * 5000,
    "9" * 20,
    "2026-02-30",
    "9999-12-31",
    "0001-01-01",
    "0000-00-00",
    "31/02/2026",
    "inf",
    "nan",
    "8.4912e+10",
    "\x00",
    "\x0b",
    "\r\n\t",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    '=HYPERLINK("http://x")',
    "𝕏😀",
    "²",  # str.isdigit() accepts it; int() refuses it
    "١٢",  # Arabic-Indic digits: int() reads them as 12
    "",
    " ",
]

texts = st.one_of(
    st.sampled_from(CRASHERS),
    st.text(max_size=200),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=20),
    st.integers().map(str),
    st.integers(min_value=10**15, max_value=10**80).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.dates().map(lambda d: d.isoformat()),
    st.text(min_size=5000, max_size=20000, alphabet="9a "),
)

PROPERTY = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)

tally = {"tried": 0, "5xx": 0}


def sent(response):
    """Count a response; return it for asserting."""
    tally["tried"] += 1
    if response.status_code >= 500:
        tally["5xx"] += 1
    return response


def clean(text: str) -> str:
    """What a browser can put in a form field (the test client refuses NUL in a URL)."""
    return text.replace("\x00", "")


def fresh_limits() -> None:
    """Forget every rate-limit count, for property tests that post many examples in one test:
    counts live in the cache with Redis and in wards.RateCount without it."""
    from django.core.cache import cache

    from wards.models import RateCount

    cache.clear()
    RateCount.objects.all().delete()
