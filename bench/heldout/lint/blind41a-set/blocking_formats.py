"""Document pipeline of a back-office app: images, PDFs, spreadsheets, archives, templates."""
from __future__ import annotations

import asyncio
import gzip
import hashlib
import io
import json
import pickle
import shutil
import tempfile
import zipfile
from pathlib import Path

import aiofiles
import anyio
import docx
import fitz
import numpy as np
import openpyxl
import pandas as pd
import yaml
from jinja2 import Environment, FileSystemLoader, select_autoescape
from PIL import Image
from pypdf import PdfReader

MEDIA = Path("/srv/media")
templates = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape())
string_templates = Environment(enable_async=True, autoescape=True)


async def make_thumbnail(src: Path, size: tuple[int, int] = (256, 256)) -> Path:  # expect: blocking-call
    dst = src.with_name(src.stem + "_thumb.webp")
    with Image.open(src) as im:
        im.thumbnail(size)
        im.save(dst, "WEBP", quality=80)
    return dst


def _thumb_bytes(data: bytes) -> bytes:  # expect: clean  # near: blocking-call
    with Image.open(io.BytesIO(data)) as im:
        im.thumbnail((256, 256))
        out = io.BytesIO()
        im.save(out, "PNG")
        return out.getvalue()


async def thumbnail_upload(data: bytes) -> bytes:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(_thumb_bytes, data)


async def pdf_page_count(path: str) -> int:  # expect: blocking-call
    reader = PdfReader(path)
    return len(reader.pages)


async def render_first_page(path: str) -> bytes:  # expect: blocking-call
    doc = fitz.open(path)
    try:
        return doc[0].get_pixmap(dpi=72).tobytes("png")
    finally:
        doc.close()


async def import_price_sheet(path: Path) -> list[dict]:  # expect: blocking-call
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    ws = wb.active
    header = [c.value for c in next(ws.iter_rows(max_row=1))]
    return [dict(zip(header, (c.value for c in row))) for row in ws.iter_rows(min_row=2)]


async def ingest_csv(path: str) -> int:  # expect: blocking-call
    df = pd.read_csv(path, parse_dates=["created"])
    df.to_parquet(path.replace(".csv", ".parquet"))
    return len(df)


async def rows_to_csv(rows: list[dict]) -> str:  # expect: clean  # near: blocking-call
    # no path given: pandas returns the CSV text, nothing touches the disk
    return pd.DataFrame(rows).to_csv(index=False)


async def unpack_bundle(archive: Path, dest: Path) -> list[str]:  # expect: blocking-call
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(dest)
        return zf.namelist()


async def read_gz_events(path: str) -> list[dict]:  # expect: blocking-call
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


async def file_digest(path: Path) -> str:  # expect: blocking-call
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


async def etag_for(body: bytes) -> str:  # expect: clean  # near: blocking-call
    return hashlib.md5(body, usedforsecurity=False).hexdigest()


async def file_digest_async(path: str) -> str:  # expect: clean  # near: blocking-call
    h = hashlib.sha256()
    async with aiofiles.open(path, "rb") as fh:
        while chunk := await fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


async def load_pipeline_config(path: str) -> dict:  # expect: blocking-call
    return yaml.safe_load(open(path, encoding="utf-8"))


async def load_pipeline_config_async(path: str) -> dict:  # expect: clean  # near: blocking-call
    text = await anyio.Path(path).read_text(encoding="utf-8")
    return yaml.safe_load(text)


async def render_invoice_html(invoice: dict) -> str:  # expect: ?blocking-call
    # the first get_template() reads and compiles the file; later calls hit jinja's cache
    return templates.get_template("invoice.html").render(invoice=invoice)


async def render_snippet(source: str, ctx: dict) -> str:  # expect: clean  # near: blocking-call
    return await string_templates.from_string(source).render_async(**ctx)


async def write_contract(path: Path, parties: list[str]) -> None:  # expect: blocking-call
    document = docx.Document()
    document.add_heading("Service agreement", level=1)
    for p in parties:
        document.add_paragraph(p)
    document.save(path)


async def save_embeddings(name: str, vectors: list[list[float]]) -> Path:  # expect: blocking-call
    out = MEDIA / "vectors" / f"{name}.npy"
    np.save(out, np.asarray(vectors, dtype=np.float32))
    return out


async def checkpoint_state(state: dict, path: str) -> None:  # expect: blocking-call
    with tempfile.NamedTemporaryFile("wb", dir=MEDIA, delete=False) as tmp:
        pickle.dump(state, tmp)
    shutil.move(tmp.name, path)


async def list_bundle(payload: bytes) -> list[str]:  # expect: clean  # near: blocking-call
    # an in-memory archive: reading its central directory touches no file
    with zipfile.ZipFile(io.BytesIO(payload)) as zf:
        return zf.namelist()


async def encode_report(rows: list[dict]) -> bytes:  # expect: clean  # near: blocking-call
    buf = io.StringIO()
    json.dump(rows, buf)
    return gzip.compress(buf.getvalue().encode())
