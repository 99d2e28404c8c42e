"""Numbers that arrive from outside (provider callbacks, other apps' notices), parsed safely."""

import re

from wards.phones import InvalidPhone, normalise_phone

# Digits, spaces and the usual separators, and short: anything else is refused before parsing
# (a hostile "1e5000" would otherwise be expanded into a 5,001-digit number).
PLAUSIBLE = re.compile(r"\+?[0-9][0-9 .()\-]{5,20}")


def phone_or_none(raw) -> str | None:
    """The E.164 form of a Vietnamese mobile number, or None."""
    text = str(raw or "").strip()
    if not PLAUSIBLE.fullmatch(text):
        return None
    try:
        return normalise_phone(text)
    except (InvalidPhone, ValueError):
        return None
