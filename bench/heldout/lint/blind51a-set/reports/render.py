"""Synchronous renderers: PDF with reportlab or WeasyPrint, spreadsheets with openpyxl, letters with python-docx."""
from __future__ import annotations

import contextlib
import io
from pathlib import Path
from typing import Iterator

from docx import Document
from openpyxl import Workbook, load_workbook
from openpyxl.workbook.workbook import Workbook as WorkbookType
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from weasyprint import HTML

OUT = Path("/srv/reports")


def invoice_pdf(order: dict, path: str) -> str:  # expect: clean
    c = canvas.Canvas(path, pagesize=A4)
    c.drawString(72, 800, f"Invoice {order['number']}")
    for i, line in enumerate(order["lines"]):
        c.drawString(72, 770 - 16 * i, f"{line['sku']}  x{line['qty']}  {line['total']:.2f}")
    c.showPage()
    c.save()
    return path


def statement_pdf_bytes(html: str) -> bytes:  # expect: clean
    return HTML(string=html, base_url=str(OUT)).write_pdf()


@contextlib.contextmanager
def workbook_at(path: str) -> Iterator[WorkbookType]:  # expect: clean
    wb = Workbook()
    try:
        yield wb
    finally:
        wb.save(path)


def read_price_list(path: str) -> list[tuple]:  # expect: clean
    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        return [tuple(row) for row in wb.active.iter_rows(min_row=2, values_only=True)]
    finally:
        wb.close()


def letter_docx(template: str, fields: dict[str, str]) -> bytes:  # expect: clean
    doc = Document(template)
    for para in doc.paragraphs:
        for key, value in fields.items():
            if f"{{{key}}}" in para.text:
                para.text = para.text.replace(f"{{{key}}}", value)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


class ReportWriter:  # expect: clean
    def __init__(self, root: Path = OUT) -> None:
        self.root = root

    def write(self, name: str, data: bytes) -> Path:
        target = self.root / name
        target.write_bytes(data)
        return target
