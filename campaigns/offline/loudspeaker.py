"""Loudspeaker scripts: how long they take to read aloud, and the limit that keeps them short."""

import math

# Assumption: an announcer reads Vietnamese at about 150 words (syllables, which Vietnamese
# writes apart) per minute; ward broadcasts are read slowly and clearly for older listeners.
WORDS_PER_MINUTE = 150
# About three minutes read aloud: listeners in an alley catch one short notice, not a speech.
MAX_CHARACTERS = 2000


def read_seconds(script: str) -> int:
    words = len(script.split())
    return math.ceil(words * 60 / WORDS_PER_MINUTE)


def read_time_label(script: str) -> str:
    seconds = read_seconds(script)
    return f"{seconds // 60}:{seconds % 60:02d}"
