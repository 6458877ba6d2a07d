"""Report endpoints of the back office (FastAPI)."""
from __future__ import annotations

import asyncio
import functools
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Optional

from docx import Document
from fastapi import APIRouter, BackgroundTasks
from fastapi.responses import Response
from openpyxl import Workbook
from reportlab.pdfgen import canvas
from weasyprint import HTML

from . import ReportWriter, invoice_pdf, letter_docx, read_price_list, statement_pdf_bytes, workbook_at
from .render import OUT

log = logging.getLogger("reports.api")
router = APIRouter()
pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="render")
writer = ReportWriter()


@router.post("/invoices/{number}")
async def make_invoice(number: str, order: dict) -> dict:  # expect: blocking-call
    path = invoice_pdf(order, str(OUT / f"invoice-{number}.pdf"))
    return {"path": path}


@router.post("/invoices/{number}/async")
async def make_invoice_offloaded(number: str, order: dict) -> dict:  # expect: clean  # near: blocking-call
    path = await asyncio.to_thread(invoice_pdf, order, str(OUT / f"invoice-{number}.pdf"))
    return {"path": path}


@router.post("/invoices/{number}/background")
def make_invoice_background(number: str, order: dict, tasks: BackgroundTasks) -> dict:  # expect: clean  # near: blocking-call
    tasks.add_task(invoice_pdf, order, str(OUT / f"invoice-{number}.pdf"))
    return {"queued": number}


@router.get("/statements/{account}")
async def statement(account: str, html: str) -> Response:  # expect: blocking-call
    pdf = HTML(string=html).write_pdf()
    path = OUT / f"statement-{account}.pdf"
    path.write_bytes(pdf)
    return Response(pdf, media_type="application/pdf")


@router.get("/statements/{account}/pooled")
async def statement_pooled(account: str, html: str) -> Response:  # expect: clean  # near: blocking-call
    loop = asyncio.get_running_loop()
    pdf = await loop.run_in_executor(pool, statement_pdf_bytes, html)
    await asyncio.to_thread(writer.write, f"statement-{account}.pdf", pdf)
    return Response(pdf, media_type="application/pdf")


@router.post("/exports/fills")
async def export_fills(rows: list[list]) -> dict:  # expect: blocking-call
    path = str(OUT / "fills.xlsx")
    with workbook_at(path) as wb:
        ws = wb.active
        ws.append(["symbol", "qty", "price"])
        for row in rows:
            ws.append(row)
    return {"path": path}


def _fills_workbook(rows: list[list], path: str) -> str:  # expect: clean
    wb = Workbook()
    ws = wb.active
    ws.append(["symbol", "qty", "price"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


@router.post("/exports/fills/threaded")
async def export_fills_threaded(rows: list[list]) -> dict:  # expect: clean  # near: blocking-call
    path = await asyncio.to_thread(_fills_workbook, rows, str(OUT / "fills.xlsx"))
    return {"path": path}


@router.post("/prices/import")
async def import_prices(path: str) -> dict:  # expect: blocking-call
    rows = read_price_list(path)
    return {"rows": len(rows)}


@router.post("/letters")
async def make_letter(template: str, fields: dict[str, str]) -> Response:  # expect: blocking-call
    doc = Document(template)
    for para in doc.paragraphs:
        for key, value in fields.items():
            para.text = para.text.replace(f"{{{key}}}", value)
    doc.save(str(OUT / "letter.docx"))
    return Response(status_code=204)


@router.post("/letters/offloaded")
async def make_letter_offloaded(template: str, fields: dict[str, str]) -> Response:  # expect: clean  # near: blocking-call
    data = await asyncio.get_running_loop().run_in_executor(pool, functools.partial(letter_docx, template, fields))
    return Response(data, media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")


async def render_cover(title: str) -> bytes:  # expect: clean
    return await asyncio.to_thread(statement_pdf_bytes, f"<h1>{title}</h1>")


@router.post("/covers")
async def covers(titles: list[str]) -> dict:  # expect: unawaited-coroutine
    loop = asyncio.get_running_loop()
    done = await asyncio.gather(*(loop.run_in_executor(pool, functools.partial(render_cover, t)) for t in titles))
    return {"count": len(done)}


@router.post("/covers/ok")
async def covers_ok(titles: list[str]) -> dict:  # expect: clean  # near: unawaited-coroutine
    done = await asyncio.gather(*(render_cover(t) for t in titles))
    return {"count": len(done)}


def nightly_covers(titles: list[str]) -> None:  # expect: unawaited-coroutine
    for title in titles:
        pool.submit(render_cover, title)


class CoverCache:  # expect: lock-across-await
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._covers: dict[str, bytes] = {}

    async def get(self, title: str) -> bytes:
        with self._lock:
            if title not in self._covers:
                self._covers[title] = await render_cover(title)
            return self._covers[title]


class CoverCacheOk:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._covers: dict[str, bytes] = {}

    async def get(self, title: str) -> bytes:
        with self._lock:
            cached: Optional[bytes] = self._covers.get(title)
        if cached is None:
            cached = await render_cover(title)
            with self._lock:
                self._covers[title] = cached
        return cached


async def stamp_drafts(paths: list[str]) -> None:  # expect: blocking-call
    for path in paths:
        c = canvas.Canvas(path)
        c.setFont("Helvetica-Bold", 48)
        c.drawString(150, 400, "DRAFT")
        c.save()


async def render_queue_worker(queue: asyncio.Queue) -> None:  # expect: cancellation-swallowed
    while True:
        job = await queue.get()
        try:
            await asyncio.to_thread(invoice_pdf, job["order"], job["path"])
        except asyncio.CancelledError:
            log.info("render of %s cancelled", job["path"])
        except Exception:
            log.exception("render of %s failed", job["path"])
        finally:
            queue.task_done()


def enqueue_all(queue: asyncio.Queue, jobs: list[dict]) -> None:  # expect: clean
    for job in jobs:
        queue.put_nowait(job)
