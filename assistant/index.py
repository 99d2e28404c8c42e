"""What a ward's public site says, gathered into Document rows: procedures, lessons, topics, pages.

Reads the other apps through their public querysets only. Vectors are reused while a document's
text is unchanged (and across wards for the province library's lessons), so a rebuild after one
page is published embeds one page.
"""

import hashlib
from dataclasses import dataclass, field

from django.db.models import Count
from django.test import RequestFactory
from django.utils.html import strip_tags
from wagtail.models import Page

from assistant import embedding, text
from assistant.models import Kind
from qr.models import Procedure, ProcedureIndexPage, Scan

TITLE_WEIGHT = 3  # a title word counts as much as three in the body
EMBED_CHARS = 300  # title and purpose: ~40 tokens; the body added nothing measurable (bench/README)


@dataclass
class Entry:
    kind: str
    ref: int
    title: str
    url: str
    summary: str = ""
    body: str = ""
    popularity: int = 0
    data: dict = field(default_factory=dict)

    @property
    def meaning_text(self) -> str:
        """What e5 reads: the title and the one-line purpose, in the citizen's words.

        Short on purpose: e5's cost grows with the tokens, and the documents' lists belong to the
        keyword side."""
        return f"{self.title}. {self.summary}".strip()[:EMBED_CHARS]

    @property
    def digest(self) -> str:
        return hashlib.sha1(self.meaning_text.encode()).hexdigest()

    @property
    def terms(self) -> str:
        title = text.tokens(self.title)
        return " ".join(title * TITLE_WEIGHT + text.tokens(f"{self.summary}\n{self.body}"))


def site_request(site):
    """A request for the ward's own host, so page URLs come out as that site serves them."""
    return RequestFactory().get("/", HTTP_HOST=site.hostname, SERVER_PORT=site.port)


def gather(ward) -> list[Entry]:
    site = ward.site
    if site is None:
        return []
    request = site_request(site)
    lessons = _lessons(request)
    return _procedures(ward, request, lessons) + lessons + _pages(site, request)


def _procedures(ward, request, lessons: list[Entry]) -> list[Entry]:
    index = ProcedureIndexPage.objects.live().descendant_of(ward.site.root_page).first()
    if index is None:
        return []
    base = index.get_url(request)
    lesson_urls = {entry.ref: entry for entry in lessons}
    scans = dict(
        Scan.objects.people()
        .filter(link__procedure__ward=ward)
        .values_list("link__procedure")
        .annotate(n=Count("id"))
    )
    entries = []
    procedures = Procedure.objects.filter(ward=ward).active().prefetch_related("lessons")
    for procedure in procedures:
        linked = [
            lesson_urls[link.page_id]
            for link in procedure.lessons.all()
            if link.page_id in lesson_urls
        ]
        entries.append(
            Entry(
                kind=Kind.PROCEDURE,
                ref=procedure.pk,
                title=procedure.name,
                url=f"{base}{procedure.slug}/",
                summary=procedure.purpose,
                body="\n".join(
                    [procedure.field, procedure.who_may_apply, *procedure.document_list()]
                ),
                popularity=scans.get(procedure.pk, 0),
                data={
                    "code": procedure.code,
                    "field": procedure.field,
                    "documents": procedure.document_list()[:8],
                    "fees": procedure.fees,
                    "time": procedure.processing_time,
                    "online": procedure.can_submit_online,
                    "portal": procedure.national_portal_url(_portal_base(ward)),
                    "lessons": [{"title": e.title, "url": e.url, "ref": e.ref} for e in linked],
                },
            )
        )
    for entry in entries:
        for lesson in entry.data["lessons"]:
            procs = lesson_urls[lesson["ref"]].data.setdefault("procedures", [])
            procs.append({"title": entry.title, "url": entry.url, "ref": entry.ref})
    return entries


def _portal_base(ward):
    from qr.models import QrSettings

    return QrSettings.for_site(ward.site).portal_base_url


def _lessons(request) -> list[Entry]:
    from learning.links import WardLessons
    from learning.search import lesson_words

    links = WardLessons(request)
    entries = []
    for lesson in links.with_urls(links.lessons().order_by("path")):
        words = lesson_words(lesson)
        entries.append(
            Entry(
                kind=Kind.LESSON,
                ref=lesson.pk,
                title=lesson.title,
                url=lesson.ward_url,
                summary=lesson.summary,
                body=words,
                data={"minutes": lesson.reading_minutes},
            )
        )
    return entries


def _pages(site, request) -> list[Entry]:
    from learning.models import LessonPage, TopicIndexPage

    entries = []
    pages = (
        Page.objects.live()
        .public()
        .descendant_of(site.root_page, inclusive=True)
        .not_type(LessonPage, ProcedureIndexPage)
        .specific()
    )
    for page in pages:
        url = page.get_url(request)
        if not url:
            continue
        about = getattr(page, "intro", "") or page.search_description or ""
        body = strip_tags(str(getattr(page, "body", "") or ""))[:4_000]
        kind = Kind.TOPIC if isinstance(page, TopicIndexPage) else Kind.PAGE
        entries.append(
            Entry(kind=kind, ref=page.pk, title=page.title, url=url, summary=about, body=body)
        )
    return entries


_recent: dict[str, bytes] = {}  # vectors this process computed, for rebuilds soon after


def vectors_for(entries: list[Entry], known: dict[str, bytes]) -> list[bytes | None]:
    """One vector per entry: the stored one for unchanged text, else computed now."""
    if not embedding.enabled():
        return [None] * len(entries)
    known = {**{e.digest: _recent[e.digest] for e in entries if e.digest in _recent}, **known}
    missing = sorted({e.digest for e in entries if e.digest not in known})
    by_digest = {e.digest: e.meaning_text for e in entries}
    for start in range(0, len(missing), 32):
        chunk = missing[start : start + 32]
        for digest, vector in zip(
            chunk, embedding.passages([by_digest[d] for d in chunk]), strict=True
        ):
            known[digest] = _recent[digest] = embedding.to_bytes(vector)
    if len(_recent) > 20_000:
        _recent.clear()
    return [known.get(e.digest) for e in entries]
