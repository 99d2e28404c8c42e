"""Lesson search that ignores accents and case the same way on SQLite and PostgreSQL.

Each lesson stores its folded words (wards.text.fold, punctuation turned to spaces) padded with
spaces, so " tam tru " matches whole syllables with a plain LIKE on any database. Vietnamese
words are often two syllables ("thanh toán"); a lesson holding both syllables apart (" thành
phố ... an toàn ") is dropped when other lessons hold them side by side, which gives phrase
matching without a phrase index.
"""

import re
from itertools import pairwise

from django.utils.html import strip_tags

from wards.text import fold

_NOT_WORD = re.compile(r"[^0-9a-z]+")
MAX_TERMS = 12
# Older readers: about 90 words a minute, a look at each step's screenshot, a moment per question.
WORDS_PER_MINUTE = 90
SECONDS_PER_STEP = 15
SECONDS_PER_QUESTION = 20


def normalise(text: str | None) -> str:
    return _NOT_WORD.sub(" ", fold(text)).strip()


def terms(query: str | None) -> list[str]:
    return normalise(query).split()[:MAX_TERMS]


def searchable(text: str) -> str:
    return f" {normalise(text)} "


def lesson_words(lesson) -> str:
    """The words a reader sees in a lesson (answers and explanations left out: they mislead)."""
    parts = [lesson.title, lesson.summary]
    for block in lesson.body:
        kind, value = block.block_type, block.value
        if kind == "text":
            parts.append(strip_tags(value.source))
        elif kind == "steps":
            parts.extend(f"{step['title']} {step['caption']}" for step in value)
        elif kind in ("tip", "warning"):
            parts.append(value)
        elif kind == "quiz":
            parts.extend(question["question"] for question in value)
        elif kind == "video":
            parts.append(value["caption"])
        elif kind == "try_it":
            parts.append(value["label"])
    return "\n".join(str(part) for part in parts if part)


def estimate_minutes(lesson, words: str) -> int:
    seconds = len(words.split()) / WORDS_PER_MINUTE * 60
    for block in lesson.body:
        if block.block_type == "steps":
            seconds += SECONDS_PER_STEP * len(block.value)
        elif block.block_type == "quiz":
            seconds += SECONDS_PER_QUESTION * len(block.value)
        elif block.block_type == "video" and block.value["video"] is not None:
            seconds += block.value["video"].duration_seconds or 0
    return max(1, round(seconds / 60))


def rank(lessons: list, query_terms: list[str]) -> list:
    """Best first: the whole phrase in the title, then in the text, then adjacent pairs."""
    phrase = f" {' '.join(query_terms)} "
    pairs = [f" {first} {second} " for first, second in pairwise(query_terms)]
    scored = []
    for lesson in lessons:
        title, text = searchable(lesson.title), lesson.search_text
        adjacent = sum(1 for pair in pairs if pair in text)
        score = (
            100 * (phrase in title)
            + 20 * (phrase in text)
            + 10 * adjacent
            + 3 * sum(1 for term in query_terms if f" {term} " in title)
            + min(text.count(phrase), 10)
        )
        scored.append((adjacent, score, lesson))
    if pairs and any(adjacent for adjacent, _, _ in scored):
        scored = [entry for entry in scored if entry[0]]
    scored.sort(key=lambda entry: (-entry[1], entry[2].path))
    return [lesson for _, _, lesson in scored]
