"""What a leader may see of a count, and how numbers read in Vietnamese (1.234 · 62,5 %).

Leaders see aggregates only. A cell that counts fewer than SMALL_COUNT residents (or households)
is shown as "<5", on the page and in every export: `hidden()` is the one place that rule lives.
A share is hidden when its count or its base is.
"""

from dataclasses import dataclass
from functools import cache

from django.utils.formats import get_format
from django.utils.translation import get_language

SMALL_COUNT = 5
HIDDEN_TEXT = "<5"


def hidden(count: int | None) -> bool:
    """The privacy rule: a count of people under SMALL_COUNT is never shown."""
    return count is None or count < SMALL_COUNT


def number(value: float, places: int = 0) -> str:
    """A number with the active language's separators: 1.234,5 in Vietnamese, 1,234.5 in English."""
    text = f"{value:,.{places}f}"
    thousands, decimal = _separators(get_language())
    return text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)


@cache
def _separators(language: str | None) -> tuple[str, str]:
    """A language's separators, looked up once: a province table prints thousands of numbers."""
    return get_format("THOUSAND_SEPARATOR", language), get_format("DECIMAL_SEPARATOR", language)


def percent(rate: float | None, places: int = 1) -> str:
    return "—" if rate is None else number(rate * 100, places) + " %"


def points(difference: float, places: int = 1) -> str:
    """A change in percentage points, with its sign."""
    sign = "+" if difference > 0 else "−" if difference < 0 else "±"
    return sign + number(abs(difference) * 100, places)


@dataclass(frozen=True)
class People:
    """A count of residents or households as a leader may see it."""

    value: int

    @property
    def hidden(self) -> bool:
        return hidden(self.value)

    @property
    def shown(self) -> int | None:
        """The number for a spreadsheet cell, or None when hidden."""
        return None if self.hidden else self.value

    def __str__(self) -> str:
        return HIDDEN_TEXT if self.hidden else number(self.value)


@dataclass(frozen=True)
class Share:
    """part / whole, hidden with either of them.

    `truncate`: cut the decimals instead of rounding, as the one-stop system prints its rates
    (3,465 / 3,569 = 97.08 %), so an imported figure reads the same here as in its report.
    """

    part: People
    whole: People
    places: int = 1
    truncate: bool = False

    @classmethod
    def of(cls, part: int, whole: int, places: int = 1, truncate: bool = False) -> "Share":
        return cls(People(part), People(whole), places, truncate)

    @classmethod
    def official(cls, part: int, whole: int) -> "Share":
        return cls.of(part, whole, places=2, truncate=True)

    @property
    def hidden(self) -> bool:
        return self.part.hidden or self.whole.hidden

    @property
    def rate(self) -> float | None:
        """The share for charts, sorting and spreadsheets; None when hidden or undefined."""
        if self.hidden or not self.whole.value:
            return None
        return self.part.value / self.whole.value

    @property
    def shown_rate(self) -> float | None:
        """The rate as printed: rounded, or truncated to `places` decimals of a percent."""
        if self.rate is None or not self.truncate:
            return self.rate
        scale = 100 * 10**self.places
        return (self.part.value * scale // self.whole.value) / scale

    def __str__(self) -> str:
        if self.hidden:
            return HIDDEN_TEXT
        if self.truncate and self.rate is not None:
            return number(self.shown_rate * 100, self.places) + " %"
        return percent(self.rate, self.places)

    def detail(self) -> str:
        """ "1.234 / 2.000" or "<5" for the small print under a share."""
        if self.hidden:
            return HIDDEN_TEXT
        return f"{self.part} / {self.whole}"
