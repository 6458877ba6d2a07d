"""Libraries that keep their data in a file of their own or lock one (file_libraries.py): what they do to the
disk on the loop's thread, beside the same calls over memory, made not to wait, or run on a worker thread."""
from __future__ import annotations

from .helpers import check_marked

BLOCKING = ["ACK101", "ACK102", "ACK103", "ACK104", "ACK105", "ACK106", "ACK107", "ACK108", "ACK201"]


def test_pdf_documents_read_and_written_by_path():
    check_marked('''
        import asyncio
        import io

        import fitz
        import pymupdf
        from pypdf import PdfReader, PdfWriter
        from PyPDF2 import PdfFileReader

        async def page_count(path: str) -> int:
            return len(PdfReader(path).pages)  # ACK103

        async def legacy_count(path: str) -> int:
            return PdfFileReader(path).numPages  # ACK103

        async def first_page(path: str) -> bytes:
            doc = fitz.open(path)  # ACK103
            return doc[0].get_pixmap().tobytes("png")

        async def stamp(src: str, dst: str) -> None:
            doc = pymupdf.Document(src)  # ACK103
            doc.save(dst)  # ACK103

        async def merge(blobs: list, dst: str) -> None:
            writer = PdfWriter()
            for blob in blobs:
                writer.append(PdfReader(io.BytesIO(blob)))
            writer.write(dst)  # ACK103

        async def from_upload(blob: bytes) -> bytes:
            # buffers in and out: nothing touches the disk
            count = len(PdfReader(io.BytesIO(blob)).pages)
            doc = fitz.open(stream=blob, filetype="pdf")
            out = io.BytesIO()
            doc.save(out)
            writer = PdfWriter()
            writer.write(out)
            return out.getvalue() if count else b""

        def _count_sync(path: str) -> int:
            return len(PdfReader(path).pages)

        async def page_count_offloaded(path: str) -> int:
            return await asyncio.to_thread(_count_sync, path)
    ''', BLOCKING)


def test_workbooks_qr_images_sniffing_and_dotenv_files():
    check_marked('''
        import io

        import magic
        import qrcode
        import xlsxwriter
        from dotenv import dotenv_values, load_dotenv

        async def export(rows: list, path: str) -> None:
            wb = xlsxwriter.Workbook(path)
            ws = wb.add_worksheet()
            for i, row in enumerate(rows):
                ws.write_row(i, 0, row)
            wb.close()  # ACK103

        async def export_response(rows: list) -> bytes:
            # the workbook is zipped into the buffer it was made over
            out = io.BytesIO()
            wb = xlsxwriter.Workbook(out, {"in_memory": True})
            wb.add_worksheet().write_row(0, 0, rows)
            wb.close()
            return out.getvalue()

        async def ticket_qr(code: str, path: str) -> None:
            qrcode.make(code).save(path)  # ACK103

        async def ticket_qr_png(code: str) -> bytes:
            buf = io.BytesIO()
            qrcode.QRCode(border=2).make_image().save(buf)
            return buf.getvalue()

        async def sniff(path: str, head: bytes) -> tuple:
            return magic.from_file(path, mime=True), magic.from_buffer(head, mime=True)  # ACK103

        async def settings(text: str) -> dict:
            load_dotenv(".env")  # ACK103
            return dotenv_values(stream=io.StringIO(text))
    ''', BLOCKING)


def test_tinydb_and_diskcache_stores_are_files():
    check_marked('''
        import asyncio

        import diskcache
        from tinydb import Query, TinyDB

        db = TinyDB("jobs.json")

        async def record(job: dict) -> int:
            return db.insert(job)  # ACK103

        async def failed() -> list:
            return db.table("runs").search(Query().state == "failed")  # ACK103

        async def cached(cache: diskcache.Cache, key: str):
            return cache.get(key)  # ACK103

        async def cached_offloaded(cache: diskcache.Cache, key: str):
            return await asyncio.to_thread(cache.get, key)

        async def remember(settings: dict, key: str):
            # a plain dict's get shares the name only
            return settings.get(key)
    ''', BLOCKING)


def test_inter_process_file_locks_wait_when_entered():
    # like filelock's, a portalocker or fasteners lock held across an await is reported as the wait at its
    # `with` (ACK106), not as ACK201 as well; entering a portalocker lock gives the file it opened
    check_marked('''
        import asyncio

        import fasteners
        import portalocker

        async def append(path: str, line: str) -> None:
            with portalocker.Lock(path, "a", timeout=10) as fh:  # ACK106
                fh.write(line)  # ACK103

        async def append_fetched(path: str, fetch) -> None:
            with portalocker.Lock(path, "a") as fh:  # ACK106
                fh.write(await fetch())  # ACK103

        async def try_append(path: str, line: str) -> None:
            with portalocker.Lock(path, "a", timeout=0) as fh:
                await asyncio.to_thread(fh.write, line)

        class Singleton:
            def __init__(self, path: str):
                self._lock = fasteners.InterProcessLock(path)

            async def run_if_free(self, job) -> None:
                # told not to wait: another process holding it makes this return at once
                if self._lock.acquire(blocking=False):
                    await job()
                    self._lock.release()

            async def run_waiting(self, job) -> None:
                with self._lock:  # ACK106
                    await job()

            async def take(self) -> None:
                self._lock.acquire()  # ACK106

        def append_sync(path: str, line: str) -> None:
            with portalocker.Lock(path, "a") as fh:
                fh.write(line)

        async def append_offloaded(path: str, line: str) -> None:
            await asyncio.to_thread(append_sync, path, line)
    ''', BLOCKING)


def test_mongoengine_documents_query_when_a_query_set_runs_not_when_it_is_built():
    check_marked('''
        import asyncio

        import mongoengine
        from mongoengine import Document, StringField

        class Profile(mongoengine.Document):
            name = mongoengine.StringField()

        class Tag(Document):
            label = StringField()

        async def profile_name(pk: str) -> str:
            return Profile.objects(pk=pk).first().name  # ACK105

        async def tagged(label: str) -> int:
            return Tag.objects.filter(label=label).count()  # ACK105

        async def labels() -> list:
            return [t.label for t in Tag.objects(label__ne="")]  # ACK105

        async def rename(pk: str, name: str) -> None:
            profile = Profile.objects.get(pk=pk)  # ACK105
            profile.name = name
            profile.save()  # ACK105

        async def built_only(label: str):
            # narrowing builds the query; nothing is sent
            return Tag.objects(label=label).only("label").limit(10)

        def _first_sync(pk: str):
            return Profile.objects(pk=pk).first()

        async def profile_offloaded(pk: str):
            return await asyncio.to_thread(_first_sync, pk)

        class Registry:
            def __init__(self):
                self.objects = {}

            async def first(self, key: str):
                # an attribute named `objects` on a class that is no document
                return self.objects.get(key)
    ''', BLOCKING)


def test_figures_canvases_old_workbooks_html_to_pdf_and_speech_files():
    check_marked('''
        import io

        import gtts
        import matplotlib.pyplot as plt
        import pdfkit
        import smbclient
        import xlrd
        from reportlab.pdfgen import canvas

        async def chart(path: str) -> None:
            plt.plot([1, 2, 3])
            plt.savefig(path)  # ACK103

        async def chart_png() -> bytes:
            buf = io.BytesIO()
            plt.savefig(buf, format="png")
            return buf.getvalue()

        async def label(path: str, text: str) -> None:
            c = canvas.Canvas(path)
            c.drawString(72, 720, text)
            c.save()  # ACK103

        async def label_bytes(text: str) -> bytes:
            out = io.BytesIO()
            c = canvas.Canvas(out)
            c.drawString(72, 720, text)
            c.save()
            return out.getvalue()

        async def legacy_sheet(path: str, blob: bytes) -> int:
            from_upload = xlrd.open_workbook(file_contents=blob)
            return xlrd.open_workbook(path).nsheets + from_upload.nsheets  # ACK103

        async def invoice_pdf(url: str, path: str) -> None:
            pdfkit.from_url(url, path)  # ACK104

        async def speak(text: str, path: str) -> None:
            gtts.gTTS(text).save(path)  # ACK102

        async def share_read(path: str) -> str:
            with smbclient.open_file(path) as fh:  # ACK103
                return fh.read()  # ACK103
    ''', BLOCKING)
