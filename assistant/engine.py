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

RRF_K = 60
MEANING_DEPTH = 30
MEANING_ONLY_DEPTH = 5  # a page matching no word of the question is shown only if this near
KEYWORD_FLOOR = 1.0  # BM25 score below which a keyword match is too weak to trust alone
COVERAGE_FLOOR = 0.5  # ... and the share of the question's words the page must hold
MEANING_FLOOR = 0.86  # cosine below which e5's nearest page is unlikely to be what was asked
COVERAGE_FLOOR = 0.5  # share of the question's words the best page must hold, keyword alone
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


def _ranks(scores: np.ndarray, keep) -> dict[int, int]:
    order = [i for i in np.argsort(-scores, kind="stable") if keep(i)]
    return {int(i): rank for rank, i in enumerate(order, start=1)}


def answer(ward_id: int, query: str, *, mode: str = "hybrid", limit: int = 10) -> Answer:
    query = text.nfc(query)[: text.MAX_QUERY]
    understood = expansions(ward_id, query)
    extra = " ".join(means.replace(",", " ") for _, means in understood)
    index = ward_index(ward_id)
    if not index.docs or not text.syllables(query):
        return Answer(query, [], understood, False)
    terms = text.tokens(f"{query} {extra}")
    keyword = index.keyword(terms) if mode != "meaning" else np.zeros(len(index.docs))
    use_meaning = mode != "keyword" and index.has_vectors and embedding.enabled()
    similarity = (
        index.meaning(embedding.query(f"{query} {extra}".strip()))
        if use_meaning
        else np.zeros(len(index.docs))
    )
    keyword_ranks = _ranks(keyword, lambda i: keyword[i] > 0)
    meaning_ranks = _ranks(similarity, lambda i: True) if use_meaning else {}
    meaning_ranks = {i: r for i, r in meaning_ranks.items() if r <= MEANING_DEPTH}
    hits = []
    for i in set(keyword_ranks) | set(meaning_ranks):
        k, m = keyword_ranks.get(i), meaning_ranks.get(i)
        if mode == "hybrid" and not k and (m > MEANING_ONLY_DEPTH or similarity[i] < MEANING_FLOOR):
            continue
        score = (1 / (RRF_K + k) if k else 0) + (1 / (RRF_K + m) if m else 0)
        doc = index.docs[i]
        hits.append(
            Hit(
                doc=doc,
                score=score,
                keyword_rank=k,
                meaning_rank=m,
                keyword_score=float(keyword[i]),
                similarity=float(similarity[i]),
                matched=_matched(terms, index.terms[i]),
            )
        )
    # Ties go to the page holding the question's own words, then the most used.
    hits.sort(
        key=lambda h: (
            -h.score,
            h.keyword_rank or 10**6,
            -h.doc.popularity,
            h.doc.kind != Kind.PROCEDURE,
        )
    )
    hits = hits[:limit]
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
    doc_terms = index.terms[index.docs.index(hit.doc)]
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
