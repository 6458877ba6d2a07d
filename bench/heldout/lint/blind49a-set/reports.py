"""Monthly statements as PDF: reportlab for the plain ones, weasyprint for the branded HTML ones, Pillow for logos."""
from __future__ import annotations

import asyncio
import contextlib
import io
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Iterator, Optional, Protocol

from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table
from weasyprint import CSS, HTML

OUT = Path("/srv/statements")
STYLES = getSampleStyleSheet()
PAGE_CSS = CSS(string="@page { size: A4; margin: 18mm }")
_font_lock = threading.Lock()


def statement_story(rows: list[tuple]) -> list:  # expect: clean
    return [Paragraph("Statement", STYLES["Title"]), Table([("Date", "Item", "Amount"), *rows])]


async def render_statement(account: str, rows: list[tuple]) -> Path:  # expect: blocking-call
    path = OUT / f"{account}.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A4)
    doc.build(statement_story(rows))
    return path


def _render_sync(account: str, rows: list[tuple]) -> Path:  # expect: clean
    path = OUT / f"{account}.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(statement_story(rows))
    return path


async def render_statement_ok(account: str, rows: list[tuple]) -> Path:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(_render_sync, account, rows)


async def branded_statement(html: str) -> bytes:  # expect: blocking-call
    return HTML(string=html, base_url="https://static.example.com/").write_pdf(stylesheets=[PAGE_CSS])


def _weasy_pdf(html: str) -> bytes:  # expect: clean
    return HTML(string=html, base_url="https://static.example.com/").write_pdf(stylesheets=[PAGE_CSS])


class PdfRenderer(Protocol):  # expect: clean
    async def render(self, html: str) -> bytes: ...


class WeasyRenderer:  # expect: clean  # near: blocking-call
    """weasyprint in a process pool: the layout of a long statement takes seconds."""

    def __init__(self, pool: ProcessPoolExecutor) -> None:
        self._pool = pool

    async def render(self, html: str) -> bytes:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, _weasy_pdf, html)


async def warm_up(renderer: Optional[PdfRenderer]) -> None:  # expect: unawaited-coroutine
    if renderer is not None:
        renderer.render("<html><body>warm-up</body></html>")


async def warm_up_ok(renderer: Optional[PdfRenderer]) -> None:  # expect: clean  # near: unawaited-coroutine
    if renderer is not None:
        await renderer.render("<html><body>warm-up</body></html>")


class StatementBatch:  # expect: unawaited-coroutine
    def __init__(self, renderer: PdfRenderer) -> None:
        self._renderer = renderer
        self._jobs: list = []

    def add(self, html: str) -> None:
        self._jobs.append(self._renderer.render(html))

    async def run(self) -> list[bytes]:
        results = []
        for job in self._jobs:
            results.append(job)
        self._jobs.clear()
        return results


class StatementBatchOk:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, renderer: PdfRenderer) -> None:
        self._renderer = renderer
        self._jobs: list = []

    def add(self, html: str) -> None:
        self._jobs.append(self._renderer.render(html))

    async def run(self) -> list[bytes]:
        results = list(await asyncio.gather(*self._jobs))
        self._jobs.clear()
        return results


async def save_logo(upload: bytes, account: str) -> Path:  # expect: blocking-call
    img = Image.open(io.BytesIO(upload))
    img.thumbnail((400, 400))
    path = OUT / "logos" / f"{account}.png"
    img.save(path, format="PNG")
    return path


def _logo_png(upload: bytes) -> bytes:  # expect: clean
    with Image.open(io.BytesIO(upload)) as img:
        img.thumbnail((400, 400))
        out = io.BytesIO()
        img.save(out, format="PNG")
        return out.getvalue()


async def logo_png(upload: bytes) -> bytes:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(_logo_png, upload)


class Watermarker:  # expect: blocking-call
    def __init__(self, mark: Image.Image) -> None:
        self.mark = mark

    async def stamp(self, page_png: Path) -> None:
        page = Image.open(page_png).convert("RGBA")
        page.alpha_composite(self.mark)
        page.save(page_png)


class ReportDraft:  # expect: clean  # near: blocking-call
    """An in-memory draft: save() keeps a version in a list."""

    def __init__(self) -> None:
        self.versions: list[bytes] = []
        self.buf = io.BytesIO()

    def save(self) -> None:
        self.versions.append(self.buf.getvalue())

    async def autosave(self, every: float) -> None:
        while True:
            await asyncio.sleep(every)
            self.save()


async def receipt_pdf(lines: list[str]) -> bytes:  # expect: clean  # near: blocking-call
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for i, line in enumerate(lines):
        c.drawString(72, 800 - 14 * i, line)
    c.showPage()
    c.save()
    return buf.getvalue()


async def archive_receipt(lines: list[str], account: str) -> Path:  # expect: blocking-call
    path = OUT / "receipts" / f"{account}.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    for i, line in enumerate(lines):
        c.drawString(72, 800 - 14 * i, line)
    c.showPage()
    c.save()
    return path


@contextlib.contextmanager
def fonts_registered() -> Iterator[None]:  # expect: clean
    """reportlab's font registry is process-wide: one registration at a time."""
    with _font_lock:
        yield


async def render_with_fonts(renderer: PdfRenderer, html: str) -> bytes:  # expect: lock-across-await
    with fonts_registered():
        return await renderer.render(html)


async def render_with_fonts_ok(html: str) -> bytes:  # expect: clean  # near: lock-across-await
    def work() -> bytes:
        with fonts_registered():
            return HTML(string=html).write_pdf()

    return await asyncio.to_thread(work)


class Renderers:  # expect: lock-across-await
    """Renderers by brand; a config-reload thread swaps them."""

    def __init__(self) -> None:
        self._by_brand: dict[str, PdfRenderer] = {}
        self._swap = threading.Lock()

    def swap(self, brand: str, renderer: PdfRenderer) -> None:
        with self._swap:
            self._by_brand[brand] = renderer

    async def render(self, brand: str, html: str) -> bytes:
        self._swap.acquire()
        try:
            renderer = self._by_brand[brand]
            return await renderer.render(html)
        finally:
            self._swap.release()


class RenderersOk:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self._by_brand: dict[str, PdfRenderer] = {}
        self._swap = threading.Lock()

    async def render(self, brand: str, html: str) -> bytes:
        self._swap.acquire()
        try:
            renderer = self._by_brand[brand]
        finally:
            self._swap.release()
        return await renderer.render(html)
