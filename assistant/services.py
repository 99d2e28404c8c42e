"""Writes of the assistant: its index of a ward's pages, and the editors' queue of questions."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from assistant import index, text
from assistant.models import Question, SearchDocument
from wards.models import Ward


def index_rebuild(*, ward: Ward, meaning: bool = True) -> int:
    """Replace the ward's documents with what its site shows now; returns how many.

    `meaning=False` computes no new vector (a second or two): keyword search works at once, and
    the scheduled full rebuild adds the vectors.
    """
    entries = index.gather(ward)
    digests = {e.digest for e in entries}
    known = {
        digest: bytes(raw)
        for digest, raw in SearchDocument.objects.filter(digest__in=digests, vector__isnull=False)
        .values_list("digest", "vector")
        .iterator()
    }
    if meaning:
        vectors = index.vectors_for(entries, known)  # outside the transaction: the slow part
    else:
        vectors = [known.get(e.digest) for e in entries]
    rows = [
        SearchDocument(
            ward=ward,
            kind=e.kind,
            ref=e.ref,
            title=e.title[:400],
            url=e.url[:500],
            summary=e.summary,
            terms=e.terms,
            digest=e.digest,
            vector=vector,
            popularity=e.popularity,
            data=e.data,
        )
        for e, vector in zip(entries, vectors, strict=True)
    ]
    with transaction.atomic():
        SearchDocument.objects.filter(ward=ward).delete()
        SearchDocument.objects.bulk_create(rows, batch_size=200)
    return len(rows)


def synonyms_seed() -> int:
    """The shared everyday words, where they are missing (a test database flushed, a new install)."""
    from assistant.models import Synonym
    from assistant.seed import SEED

    created = 0
    with transaction.atomic():
        for phrase, means in SEED:
            created += Synonym.objects.get_or_create(
                ward=None, phrase=phrase, defaults={"means": means}
            )[1]
    return created


def question_record(
    *, ward: Ward, question: str, reason: str, best_title: str = ""
) -> Question | None:
    """Count a question the assistant could not answer well, stored without personal data."""
    cleaned = text.scrub(question)
    key = " ".join(text.syllables(cleaned))[:200]
    if not key:
        return None
    now = timezone.now()
    with transaction.atomic():
        updated = Question.objects.filter(ward=ward, key=key, reason=reason).update(
            count=F("count") + 1, last_asked_at=now, handled=False, best_title=best_title[:400]
        )
        if updated:
            return Question.objects.get(ward=ward, key=key, reason=reason)
        try:
            with transaction.atomic():
                return Question.objects.create(
                    ward=ward,
                    text=cleaned[:200],
                    key=key,
                    reason=reason,
                    best_title=best_title[:400],
                )
        except IntegrityError:  # asked at the same moment by someone else: counted there
            return None


def questions_forget_old(*, now=None) -> int:
    """Questions not asked for 90 days are deleted."""
    with transaction.atomic():
        deleted, _ = Question.objects.expired(now).delete()
    return deleted
