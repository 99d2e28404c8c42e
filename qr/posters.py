"""Printable QR posters: one PDF, one page per procedure placement.

Takes plain data (``PosterSpec``) so the Django app can build specs from its models
and call ``render_posters`` from a background task. The page is a Django template
(``qr/poster.html``) laid out by WeasyPrint in a single document: one layout pass and
one font subset for the whole batch, which is what keeps 300+ pages within seconds.
"""

from __future__ import annotations

import gc
import io
import logging
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from functools import lru_cache

import fontpkg
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from qr.codes import qr_matrix, qr_svg, symbol_modules, validate_short_url

Progress = Callable[[int, int], None]

FONT_FAMILY = "Be Vietnam Pro"
FONT_WEIGHTS = (400, 700)  # few faces = less font subsetting per document


@dataclass(frozen=True)
class Paper:
    width_mm: float
    height_mm: float
    qr_cm: float  # the symbol itself, without its quiet zone
    margin_mm: float
    base_pt: float  # root font size; every text size in the CSS is in rem

    def __post_init__(self):
        # A code under 2 cm is unreliable with older phone cameras.
        if self.qr_cm < 2:
            raise ValueError("Mã QR in ra không được nhỏ hơn 2 cm.")

    @property
    def content_width_mm(self) -> float:
        return self.width_mm - 2 * self.margin_mm

    @property
    def content_height_mm(self) -> float:
        return self.height_mm - 2 * self.margin_mm


# Code sizes follow the scanning distance of each placement (see INTEGRATIONS.md):
# A4 at the one-stop counter (~1 m), A3 on a notice board (~2 m), A5/A6 counter cards.
PAPER = {
    "A3": Paper(297, 420, qr_cm=20, margin_mm=16, base_pt=15),
    "A4": Paper(210, 297, qr_cm=10, margin_mm=14, base_pt=12),
    "A5": Paper(148, 210, qr_cm=5, margin_mm=10, base_pt=9),
    "A6": Paper(105, 148, qr_cm=4, margin_mm=7, base_pt=7),
}

# Procedure names run from "Đăng ký khai sinh" to 300-character titles: step the
# title size down so every poster stays on one page.
TITLE_SIZES = ((60, "short"), (120, "medium"), (200, "long"))


def _clean(text: str) -> str:
    # NFC: names pasted from macOS or Word may be decomposed; the font shapes
    # precomposed Vietnamese letters best and search/extraction expect NFC.
    return unicodedata.normalize("NFC", str(text)).strip()


@dataclass
class PosterSpec:
    ward_name: str
    procedure_name: str
    online_level_label: str
    short_url: str
    placement_label: str
    level: str = "M"
    # The line above the code; empty: the procedure poster's "scan to read and apply online".
    call: str = ""

    def __post_init__(self):
        for field in fields(self):
            setattr(self, field.name, _clean(getattr(self, field.name)))
        # Fail when the spec is built, not halfway through a 300-page batch.
        validate_short_url(self.short_url)
        qr_matrix(self.short_url, self.level)


@lru_cache(maxsize=1)
def font_faces() -> tuple[tuple[int, str], ...]:
    """(weight, file:// URI) of the Be Vietnam Pro faces, from fontpkg-be-vietnam-pro."""
    return tuple(
        (weight, fontpkg.path(FONT_FAMILY, weight=weight).as_uri()) for weight in FONT_WEIGHTS
    )


def _mm(value: float) -> str:
    # Pre-formatted in Python: Django would localise floats to "10,5" under vi.
    return f"{value:.3f}mm"


def _title_size(name: str) -> str:
    return next((size for limit, size in TITLE_SIZES if len(name) <= limit), "xlong")


def _title_parts(name: str) -> tuple[str, str]:
    """Split off the last two syllables, which the template keeps on one line.

    Vietnamese words are often two syllables ("khai sinh", "kết hôn"): a lone last
    syllable both looks orphaned and splits a word. WeasyPrint has no text-wrap: balance.
    """
    words = name.rsplit(" ", 2)
    if len(words) < 3:
        return "", name
    return words[0] + " ", f"{words[1]} {words[2]}"


def _display_url(url: str) -> str:
    # People type what they read: the scheme adds nothing but length.
    return url.removeprefix("https://").removeprefix("http://")


def _qr_block(spec: PosterSpec, paper: Paper, cache: dict) -> dict:
    key = (spec.short_url, spec.level)
    if key not in cache:
        matrix = qr_matrix(*key)
        side_mm = paper.qr_cm * 10 * len(matrix) / symbol_modules(matrix)
        svg = qr_svg(spec.short_url, level=spec.level, symbol_size_cm=paper.qr_cm)
        cache[key] = {
            # Built from a boolean matrix only, never from user text: safe to inline.
            "svg": mark_safe(svg),
            "side": _mm(side_mm),
            # Negative when the quiet zone is wider than the text column (A3,
            # version 1): it may spill into the white page margin, still centred.
            "offset": _mm((paper.content_width_mm - side_mm) / 2),
        }
    return cache[key]


def _page_context(spec: PosterSpec, paper: Paper, cache: dict) -> dict:
    return {
        "spec": spec,
        "title_size": _title_size(spec.procedure_name),
        "title_parts": _title_parts(spec.procedure_name),
        "display_url": _display_url(spec.short_url),
        "qr": _qr_block(spec, paper, cache),
    }


def _paper_context(name: str, paper: Paper) -> dict:
    return {
        "name": name,
        "size": f"{_mm(paper.width_mm)} {_mm(paper.height_mm)}",
        "margin": _mm(paper.margin_mm),
        "content_height": _mm(paper.content_height_mm),
        "base": f"{paper.base_pt:.2f}pt",
    }


def posters_html(specs: list[PosterSpec], paper: str = "A4") -> str:
    """The HTML WeasyPrint lays out; exposed for debugging the template in a browser."""
    sheet = _get_paper(paper)
    cache: dict = {}  # one SVG per (url, level), however many placements share it
    return render_to_string(
        "qr/poster.html",
        {
            "paper": _paper_context(paper, sheet),
            "pages": [_page_context(spec, sheet, cache) for spec in specs],
            "fonts": font_faces(),
        },
    )


def _get_paper(paper: str) -> Paper:
    try:
        return PAPER[paper]
    except KeyError:
        raise ValueError(f"Khổ giấy {paper!r} không hỗ trợ; chọn {', '.join(PAPER)}.") from None


# --- progress --------------------------------------------------------------------------
# One document render has two per-page passes of similar cost: layout, announced on the
# "weasyprint.progress" logger (the only hook inside it), then painting, where each
# Page.paint call is wrapped. Each pass counts as half a page.

_PROGRESS_LOGGER = logging.getLogger("weasyprint.progress")
_PAGE_MESSAGE = "Step 5 - Creating layout - Page"
_logger_lock = threading.Lock()
_logger_users = 0
_saved_logger_state: tuple[int, bool] | None = None


class _Tracker:
    """Turns laid-out and painted pages into monotonic ``progress(done, total)`` calls."""

    def __init__(self, progress: Progress, total: int):
        self.progress, self.total = progress, total
        self.laid_out = self.painted = self.reported = 0

    def _report(self) -> None:
        # (total, total) is kept for when the PDF bytes exist (fonts, serialisation).
        done = min((self.laid_out + self.painted) // 2, self.total - 1)
        if done > self.reported:
            self.reported = done
            # Not caught: an exception here (e.g. a cancelled task) aborts the render.
            self.progress(done, self.total)

    def layout_started(self, page: int) -> None:
        # Repagination passes repeat page numbers: only ever move forward.
        if page - 1 > self.laid_out:
            self.laid_out = page - 1
            self._report()

    def layout_finished(self) -> None:
        self.laid_out = self.total
        self._report()

    def page_painted(self) -> None:
        self.painted += 1
        self._report()

    def finished(self) -> None:
        self.progress(self.total, self.total)


class _LayoutHandler(logging.Handler):
    def __init__(self, tracker: _Tracker):
        super().__init__(logging.INFO)
        self.tracker = tracker
        self.thread = threading.get_ident()  # other threads may render at the same time

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread and str(record.msg).startswith(_PAGE_MESSAGE):
            self.tracker.layout_started(int(record.args[0]))


def _acquire_progress_logger() -> None:
    global _logger_users, _saved_logger_state
    with _logger_lock:
        if _logger_users == 0 and not _PROGRESS_LOGGER.isEnabledFor(logging.INFO):
            # Nobody listens at INFO: raise the level for our handler only, and keep
            # the records away from the application's own handlers.
            _saved_logger_state = (_PROGRESS_LOGGER.level, _PROGRESS_LOGGER.propagate)
            _PROGRESS_LOGGER.setLevel(logging.INFO)
            _PROGRESS_LOGGER.propagate = False
        _logger_users += 1


def _release_progress_logger() -> None:
    global _logger_users, _saved_logger_state
    with _logger_lock:
        _logger_users -= 1
        if _logger_users == 0 and _saved_logger_state is not None:
            _PROGRESS_LOGGER.setLevel(_saved_logger_state[0])
            _PROGRESS_LOGGER.propagate = _saved_logger_state[1]
            _saved_logger_state = None


@contextmanager
def _layout_progress(tracker: _Tracker | None) -> Iterator[None]:
    if tracker is None:
        yield
        return
    handler = _LayoutHandler(tracker)
    _acquire_progress_logger()
    _PROGRESS_LOGGER.addHandler(handler)
    try:
        yield
    finally:
        _PROGRESS_LOGGER.removeHandler(handler)
        _release_progress_logger()
    tracker.layout_finished()


def _track_painting(document, tracker: _Tracker | None) -> None:
    if tracker is None:
        return
    for page in document.pages:

        def paint(*args, _paint=page.paint, **kwargs):
            _paint(*args, **kwargs)
            tracker.page_painted()

        page.paint = paint  # this Page object only: nothing global is patched


# --- garbage collector -----------------------------------------------------------------
# WeasyPrint keeps every page's box tree alive until the PDF is written; with hundreds of
# pages the cyclic collector rescans that growing tree again and again (measured: ~20 % of
# a 339-page render, growing with the page count). Reference counting still frees
# everything else, and the pause ends with the render. Counted, for concurrent renders.

_gc_lock = threading.Lock()
_gc_users = 0
_gc_was_enabled = False


@contextmanager
def _gc_paused() -> Iterator[None]:
    global _gc_users, _gc_was_enabled
    with _gc_lock:
        if _gc_users == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_users += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_users -= 1
            if _gc_users == 0 and _gc_was_enabled:
                gc.enable()


# --- rendering -------------------------------------------------------------------------


def _url_fetcher():
    from weasyprint.urls import URLFetcher

    # Only our local font files are ever fetched: no network from poster text, and a
    # missing font fails loudly instead of falling back to a font without Vietnamese.
    return URLFetcher(allowed_protocols=("file",), fail_on_errors=True)


def render_posters(
    specs: Iterable[PosterSpec], *, paper: str = "A4", progress: Progress | None = None
) -> bytes:
    """One PDF with one page per spec, in order.

    ``progress(done, total)`` is called as pages are laid out and painted, ``done``
    rising by one up to ``(total, total)`` once the PDF exists; raising from it aborts.
    """
    from weasyprint import HTML  # heavy import; only the worker needs it

    specs = list(specs)
    if not specs:
        raise ValueError("Chưa chọn áp phích nào để in.")
    html = posters_html(specs, paper)
    tracker = _Tracker(progress, len(specs)) if progress is not None else None
    with _gc_paused():
        with _layout_progress(tracker):
            document = HTML(string=html, url_fetcher=_url_fetcher()).render()
        _check_one_page_each(document, specs)
        _track_painting(document, tracker)
        pdf = document.write_pdf()
    if tracker is not None:
        tracker.finished()
    return pdf


def _check_one_page_each(document, specs: list[PosterSpec]) -> None:
    # Page N must carry spec N's code: never hand out a shifted batch.
    if len(document.pages) != len(specs):
        raise RuntimeError(
            f"Bố cục áp phích bị tràn trang: {len(document.pages)} trang cho {len(specs)} áp phích."
        )


def poster_png_preview(spec: PosterSpec, *, paper: str = "A4", width_px: int = 600) -> bytes:
    """PNG of the single printed page, for the admin preview (same pipeline as print)."""
    import pypdfium2 as pdfium  # PDFium is not thread-safe: call from one thread at a time

    pdf = pdfium.PdfDocument(render_posters([spec], paper=paper))
    try:
        page = pdf[0]
        # Crisp module edges: a smoothed, downscaled code blurs into a grey moiré on screen.
        bitmap = page.render(scale=width_px / page.get_width(), no_smoothpath=True)
        buffer = io.BytesIO()
        bitmap.to_pil().save(buffer, format="PNG", optimize=True)
        return buffer.getvalue()
    finally:
        pdf.close()


__all__ = [
    "PAPER",
    "Paper",
    "PosterSpec",
    "font_faces",
    "poster_png_preview",
    "posters_html",
    "render_posters",
]
