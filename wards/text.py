"""Vietnamese text: NFC storage, search folding, tone-placement and alphabetical order.

See DESIGN.md "Vietnamese text, done right".
"""

import re
import unicodedata

# Old-style tone placement on "oa", "oe", "uy" (hoà, khoẻ, thuỷ) and the new style (hòa, khỏe, thủy)
# are different code points even in NFC. Duplicate matching maps both to the new style.
_OLD_TONE = {}
for _tone in ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323"):
    for _pair, _vowel in (("o", "a"), ("o", "e"), ("u", "y")):
        for _upper in (False, True):
            first, second = (_pair.upper(), _vowel.upper()) if _upper else (_pair, _vowel)
            old = unicodedata.normalize("NFC", first + second + _tone)
            new = unicodedata.normalize("NFC", first + _tone + second)
            _OLD_TONE[old] = new
_OLD_TONE_RE = re.compile("|".join(sorted(_OLD_TONE, key=len, reverse=True)))
_SPACES = re.compile(r"\s+")


def nfc(text: str | None) -> str:
    """The form every stored string takes."""
    return unicodedata.normalize("NFC", text or "").strip()


def fold(text: str | None) -> str:
    """Lower-case, without diacritics, đ → d, single spaces: 'Kết hôn' and 'ket  hon' both fold to 'ket hon'."""
    decomposed = unicodedata.normalize("NFD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", stripped.lower()).strip()


def new_tone_placement(text: str | None) -> str:
    """Rewrite old-style tone marks so 'Hoà' and 'Hòa' compare equal (only where the old style is unambiguous)."""
    composed = nfc(text)

    def replace(match: re.Match) -> str:
        end = match.end()
        # "oa" + a final consonant (hoàn) keeps the mark on the second vowel in both styles.
        if end < len(composed) and composed[end].isalpha():
            return match.group(0)
        return _OLD_TONE[match.group(0)]

    return _OLD_TONE_RE.sub(replace, composed)


def same_name_key(text: str | None) -> str:
    """Key for spotting the same person or household typed twice."""
    return _SPACES.sub(" ", new_tone_placement(text).lower()).strip()


_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_ORDER = {letter: index for index, letter in enumerate(_ALPHABET)}


def vietnamese_sort_key(text: str | None) -> tuple:
    """Sort as a Vietnamese reader expects: a < ă < â, d < đ, o < ô < ơ, tones after the letter."""
    key = []
    for char in nfc(text).lower():
        decomposed = unicodedata.normalize("NFD", char)
        base_and_shape = unicodedata.normalize(
            "NFC", "".join(c for c in decomposed if c not in "\u0300\u0301\u0303\u0309\u0323")
        )
        tone = next((c for c in decomposed if c in "\u0300\u0301\u0303\u0309\u0323"), "")
        tone_rank = " \u0300\u0309\u0303\u0301\u0323".index(tone) if tone else 0
        key.append((_ORDER.get(base_and_shape, 100 + ord(base_and_shape[0])), tone_rank))
    return tuple(key)
