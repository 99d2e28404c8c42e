"""Words for matching and for storing: folded syllables, word pairs, segmented words, no personal data.

A Vietnamese word is often two syllables ("khai sinh"). Citizens type with and without marks, so
matching works on folded text (wards.text.fold). Each text yields its syllables, every pair of
neighbouring syllables ("khai_sinh": the phrase match), and the words `underthesea` segments where
the marks are present (its model is trained on marked text; on folded text it only guesses).
"""

import re
from functools import lru_cache

from wards.text import fold, nfc

MAX_QUERY = 200  # characters kept from a question; the rest is never read
_NOT_WORD = re.compile(r"[^0-9a-z]+")
_MARKED = re.compile(r"[^\x00-\x7f]")
# Question words that say nothing about the procedure wanted.
STOP = frozenset(
    "a ai bi cac cai can cho co cua da de di duoc gi hay hoi khong la lam mot minh muon nao "
    "nay nhu nhung o oi phai ra roi sao the thi toi tu va vay ve voi vo".split()
)


def syllables(text: str | None) -> list[str]:
    return _NOT_WORD.sub(" ", fold(text)).split()


@lru_cache(maxsize=4096)
def _segmented(text: str) -> tuple[str, ...]:
    try:
        from underthesea import word_tokenize
    except ImportError:  # the pairs below still give phrase matching
        return ()
    words = []
    for word in word_tokenize(text):
        parts = syllables(word)
        if len(parts) > 1:
            words.append("_".join(parts))
    return tuple(words)


def tokens(text: str | None) -> list[str]:
    """Index terms of a text: content syllables, neighbouring pairs, segmented words."""
    text = nfc(text)[:20_000]
    found = syllables(text)
    terms = [s for s in found if s not in STOP]
    terms += [f"{a}_{b}" for a, b in zip(found, found[1:], strict=False)]
    if _MARKED.search(text):
        for line in text.splitlines():
            if line.strip():
                terms += _segmented(line.strip()[:2_000])
    return terms


def is_marked(text: str) -> bool:
    """Typed with Vietnamese marks (or any non-ASCII letter)."""
    return bool(_MARKED.search(text))


def phrase_in(phrase: str, text: str) -> bool:
    """Whole-word match of folded phrase in folded text."""
    return f" {' '.join(syllables(phrase))} " in f" {' '.join(syllables(text))} "


# --- what may be stored of a question -------------------------------------------------------------

_DIGITS = re.compile(r"\+?\d[\d\s.\-]{5,}\d")
_EMAIL = re.compile(r"\S+@\S+")
_SURNAMES = (
    "nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý đinh trương "
    "lâm mai trịnh đoàn cao lưu quách tạ châu thái"
).split()
_CAPWORD = r"[A-ZĐÀ-Ỹ][^\s,.;:!?]*"
_NAME = re.compile(
    rf"\b(?:(?:{'|'.join(s.capitalize() for s in _SURNAMES)})(?:\s+{_CAPWORD}){{1,3}})"
    rf"|(?:(?<=tên )|(?<=tên là )|(?<=tôi là )|(?<=em là )|(?<=cháu là )){_CAPWORD}(?:\s+{_CAPWORD}){{0,3}}",
)
NAME_MARK = "[tên]"
NUMBER_MARK = "[số]"


def scrub(text: str | None) -> str:
    """The question with phone and other long numbers, e-mails and people's names taken out."""
    text = nfc(text)[:MAX_QUERY]
    text = _EMAIL.sub(NUMBER_MARK, text)
    text = _DIGITS.sub(NUMBER_MARK, text)
    text = _NAME.sub(NAME_MARK, text)
    return re.sub(r"\s+", " ", text).strip()
