"""Read back what a printer would get: rasterise PDF pages, decode QR codes, extract text."""

from __future__ import annotations

import ctypes
import unicodedata
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import zxingcpp

CM_PER_INCH = 2.54


@dataclass
class DecodedQR:
    text: str
    ec_level: str
    width_cm: float  # outer edge of the symbol, quiet zone excluded
    height_cm: float
    top_px: float
    bottom_px: float


def open_pdf(pdf_bytes: bytes) -> pdfium.PdfDocument:
    return pdfium.PdfDocument(pdf_bytes)


def page_image(page: pdfium.PdfPage, dpi: int):
    return page.render(scale=dpi / 72, grayscale=True).to_pil()


def decode_qr(image, dpi: int) -> list[DecodedQR]:
    found = []
    for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
        pos = code.position
        found.append(
            DecodedQR(
                text=code.text,
                ec_level=code.ec_level,
                width_cm=(pos.top_right.x - pos.top_left.x) / dpi * CM_PER_INCH,
                height_cm=(pos.bottom_left.y - pos.top_left.y) / dpi * CM_PER_INCH,
                top_px=pos.top_left.y,
                bottom_px=pos.bottom_left.y,
            )
        )
    return found


def decode_pages(pdf_bytes: bytes, dpi: int = 150) -> list[list[DecodedQR]]:
    pdf = open_pdf(pdf_bytes)
    try:
        return [decode_qr(page_image(page, dpi), dpi) for page in pdf]
    finally:
        pdf.close()


def page_texts(pdf_bytes: bytes) -> list[str]:
    """Text of each page, line breaks folded to spaces (titles wrap over lines)."""
    pdf = open_pdf(pdf_bytes)
    try:
        return [" ".join(page.get_textpage().get_text_bounded().split()) for page in pdf]
    finally:
        pdf.close()


def page_lines(pdf_bytes: bytes) -> list[list[str]]:
    """Text lines of each page, as laid out."""
    pdf = open_pdf(pdf_bytes)
    try:
        return [page.get_textpage().get_text_bounded().splitlines() for page in pdf]
    finally:
        pdf.close()


def folded(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def text_box(pdf_bytes: bytes, page_index: int, needle: str) -> tuple[float, float]:
    """(top, bottom) in PDF points, y upwards, of the first occurrence of ``needle``."""
    pdf = open_pdf(pdf_bytes)
    try:
        textpage = pdf[page_index].get_textpage()
        searcher = textpage.search(needle, match_case=True)
        occurrence = searcher.get_next()
        assert occurrence, f"{needle!r} not found on page {page_index + 1}"
        index, count = occurrence
        boxes = [textpage.get_charbox(i) for i in range(index, index + count)]
        return max(box[3] for box in boxes), min(box[1] for box in boxes)
    finally:
        pdf.close()


def font_names(pdf_bytes: bytes) -> set[str]:
    """Base font names used by the text objects of every page."""
    pdf = open_pdf(pdf_bytes)
    names = set()
    try:
        for page in pdf:
            for obj in page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_TEXT]):
                font = pdfium_raw.FPDFTextObj_GetFont(obj.raw)
                size = pdfium_raw.FPDFFont_GetBaseFontName(font, None, 0)
                buffer = ctypes.create_string_buffer(size)
                pdfium_raw.FPDFFont_GetBaseFontName(font, buffer, size)
                names.add(buffer.value.decode())
    finally:
        pdf.close()
    return names


def page_count(pdf_bytes: bytes) -> int:
    pdf = open_pdf(pdf_bytes)
    try:
        return len(pdf)
    finally:
        pdf.close()
