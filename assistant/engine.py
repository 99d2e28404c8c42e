"""Answering a question from a ward's own pages: keyword (BM25 on folded words) and meaning
(sentence embeddings), merged by reciprocal rank fusion. Nothing is generated: every answer is
one of the ward's pages, with the reasons it was chosen.

Each web worker keeps one in-memory index per ward, rebuilt from the SearchDocument table when the
table's version (its newest row) changes.
"""

import threading
from dataclasses import dataclass, field

import bm25s
import numpy as np
from django.db.models import Count, Max, Q

from assistant import embedding, text
from assistant.models import Kind, SearchDocument, Synonym

# Fusion weights, chosen on one half of bench/assistant_questions.csv (split by expected answer) and
# checked on the other half (bench/README). Reciprocal rank fusion of three ranked lists:
RRF_K = 3  # small: the first places of each list matter most, the long tail hardly at all
KEYWORD_WEIGHT = 1.0  # BM25 on the page's folded words (title counted three times)
TITLE_WEIGHT = 0.75  # share of the page's *title* the question covers: prefers "Đăng ký khai sinh"
# over "Đăng ký khai sinh lưu động" unless the citizen said "lưu động" (the common variant first)
MEANING_WEIGHT = 2.0  # e5 sentence similarity of the question alone
UNMARKED_MEANING = 0.5  # e5 reads Vietnamese typed without marks poorly: trust it half as much
NAVIGATION_WEIGHT = 0.5  # topics and plain pages lead to answers; procedures and lessons are them
MEANING_DEPTH = 30
MEANING_ONLY_DEPTH = 5  # a page matching no word of the question is shown only if this near
KEYWORD_FLOOR = 1.0  # BM25 score below which a keyword match is too weak to trust alone
COVERAGE_FLOOR = 0.5  # ... and the share of the question's words the page must hold
MEANING_FLOOR = 0.86  # cosine below which e5's nearest page is unlikely to be what was asked
MODES = ("keyword", "meaning", "hybrid")


@dataclass
class Hit:
    doc: SearchDocument
    score: float
    keyword_rank: int | None = None
    meaning_rank: int | None = None
    keyword_score: float = 0.0
    similarity: float = 0.0
    matched: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.doc.kind


@dataclass
class Answer:
    query: str
    hits: list[Hit]
    understood: list[tuple[str, str]]  # (what was typed, what it was read as)
    confident: bool

    @property
    def best(self) -> Hit | None:
        return self.hits[0] if self.hits else None

    def group(self, *kinds) -> list[Hit]:
        return [hit for hit in self.hits[1:] if hit.kind in kinds]


class WardIndex:
    def __init__(self, docs: list[SearchDocument]):
        self.docs = docs
        self.bm25 = None
        if docs:
            self.bm25 = bm25s.BM25()
            self.bm25.index([d.terms.split() or [""] for d in docs], show_progress=False)
        vectors = [embedding.from_bytes(d.vector) for d in docs]
        self.has_vectors = bool(docs) and all(v is not None for v in vectors)
        self.matrix = np.vstack(vectors) if self.has_vectors else None
        self.terms = [set(d.terms.split()) for d in docs]
        self.title_words = [
            frozenset(w for w in text.syllables(d.title) if w not in text.STOP) for d in docs
        ]
        self.navigation = np.array([d.kind in (Kind.TOPIC, Kind.PAGE) for d in docs], dtype=bool)
        self.position = {d.pk: i for i, d in enumerate(docs)}

    def title_covered(self, asked: set[str]) -> np.ndarray:
        return np.array([len(t & asked) / len(t) if t else 0.0 for t in self.title_words])

    def keyword(self, terms: list[str]) -> np.ndarray:
        if self.bm25 is None or not terms:
            return np.zeros(len(self.docs))
        return np.asarray(self.bm25.get_scores(terms))

    def meaning(self, vector) -> np.ndarray:
        if self.matrix is None or vector is None:
            return np.zeros(len(self.docs))
        return self.matrix @ vector


_cache: dict[int, tuple[tuple, WardIndex]] = {}
_lock = threading.Lock()


def ward_index(ward_id: int) -> WardIndex:
    version = tuple(
        SearchDocument.objects.of_ward(ward_id).aggregate(n=Count("id"), top=Max("id")).values()
    )
    cached = _cache.get(ward_id)
    if cached and cached[0] == version:
        return cached[1]
    with _lock:
        docs = list(SearchDocument.objects.of_ward(ward_id).order_by("id"))
        built = WardIndex(docs)
        _cache[ward_id] = (version, built)
    return built


def expansions(ward_id: int, query: str) -> list[tuple[str, str]]:
    """Synonyms whose phrase appears, as whole words, in the question."""
    folded = f" {' '.join(text.syllables(query))} "
    found = []
    for phrase, means in Synonym.objects.filter(
        Q(ward_id=ward_id) | Q(ward__isnull=True)
    ).values_list("phrase", "means"):
        if phrase and f" {' '.join(text.syllables(phrase))} " in folded:
            found.append((phrase, means))
    return found


def _ranks(scores: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """1 for the best kept score, 2 for the next …; inf where not kept."""
    order = np.argsort(-scores, kind="stable")
    order = order[keep[order]]
    ranks = np.full(len(scores), np.inf)
    ranks[order] = np.arange(1, len(order) + 1)
    return ranks


def fuse(keyword, covered, similarity, *, marked: bool, navigation, mode: str = "hybrid"):
    """Weighted reciprocal rank fusion; returns the fused scores and the keyword and meaning ranks."""
    n = len(keyword)
    keyword_ranks = _ranks(keyword, keyword > 0)
    # Ties in title coverage go to the better keyword score.
    title_ranks = _ranks(covered + 1e-3 * keyword / (keyword.max() + 1e-9), covered > 0)
    meaning_ranks = _ranks(similarity, np.ones(n, dtype=bool))
    meaning_ranks[meaning_ranks > MEANING_DEPTH] = np.inf
    score = np.zeros(n)
    if mode != "meaning":
        score += KEYWORD_WEIGHT / (RRF_K + keyword_ranks) + TITLE_WEIGHT / (RRF_K + title_ranks)
    if mode != "keyword":
        weight = MEANING_WEIGHT * (1 if marked else UNMARKED_MEANING)
        score += weight / (RRF_K + meaning_ranks)
    score = np.where(navigation, score * NAVIGATION_WEIGHT, score)
    return score, keyword_ranks, meaning_ranks


def answer(ward_id: int, query: str, *, mode: str = "hybrid", limit: int = 10) -> Answer:
    query = text.nfc(query)[: text.MAX_QUERY]
    understood = expansions(ward_id, query)
    extra = " ".join(means.replace(",", " ") for _, means in understood)
    index = ward_index(ward_id)
    if not index.docs or not text.syllables(query):
        return Answer(query, [], understood, False)
    n = len(index.docs)
    terms = text.tokens(f"{query} {extra}")
    keyword = index.keyword(terms) if mode != "meaning" else np.zeros(n)
    covered = (
        index.title_covered(set(text.syllables(f"{query} {extra}")))
        if mode != "meaning"
        else np.zeros(n)
    )
    use_meaning = mode != "keyword" and index.has_vectors and embedding.enabled()
    # The question alone: the synonyms' words help the keyword side but blur e5's reading.
    similarity = index.meaning(embedding.query(query)) if use_meaning else np.zeros(n)
    if not use_meaning and mode == "meaning":
        return Answer(query, [], understood, False)
    score, keyword_ranks, meaning_ranks = fuse(
        keyword,
        covered,
        similarity,
        marked=text.is_marked(query),
        navigation=index.navigation,
        mode=mode if use_meaning else "keyword",
    )
    order = np.lexsort((-keyword, -score))
    hits = []
    for i in order:
        if score[i] <= 0 or len(hits) == limit:
            break
        k, m = keyword_ranks[i], meaning_ranks[i]
        if (
            mode == "hybrid"
            and not np.isfinite(k)
            and (m > MEANING_ONLY_DEPTH or similarity[i] < MEANING_FLOOR)
        ):
            continue
        hits.append(
            Hit(
                doc=index.docs[i],
                score=float(score[i]),
                keyword_rank=int(k) if np.isfinite(k) else None,
                meaning_rank=int(m) if use_meaning and np.isfinite(m) else None,
                keyword_score=float(keyword[i]),
                similarity=float(similarity[i]),
                matched=_matched(terms, index.terms[i]),
            )
        )
    best = hits[0] if hits else None
    confident = bool(best) and (
        best.similarity >= MEANING_FLOOR
        or (
            best.keyword_score >= KEYWORD_FLOOR
            and coverage(query, understood, best, index) >= COVERAGE_FLOOR
        )
    )
    return Answer(query, hits, understood, confident)


def coverage(query: str, understood, hit: Hit, index: WardIndex) -> float:
    """Share of the question's content words the page holds (or a synonym stood for)."""
    words = [w for w in text.syllables(query) if w not in text.STOP]
    if not words:
        return 0.0
    doc_terms = index.terms[index.position[hit.doc.pk]]
    standing = {w for phrase, _ in understood for w in text.syllables(phrase)}
    return sum(1 for w in words if w in doc_terms or w in standing) / len(words)


def _matched(terms: list[str], doc_terms: set[str]) -> list[str]:
    """The question's words found in the page, longest first, for the "why this answer" line."""
    words = []
    for term in dict.fromkeys(terms):
        if term in doc_terms:
            words.append(term.replace("_", " "))
    pairs = [w for w in words if " " in w]
    singles = [w for w in words if " " not in w and not any(w in p.split() for p in pairs)]
    return (pairs + singles)[:6]
