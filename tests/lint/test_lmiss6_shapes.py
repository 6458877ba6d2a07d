"""Shapes held-out sets missed (lmiss6): a request queue whose items are parts unpacked from the caller's
argument."""
from __future__ import annotations

from .helpers import check_marked


# -- 1. ACK501: a request unpacked from the handler's argument, each caller waiting on its own future ---------------
def test_request_queue_filled_with_parts_unpacked_from_the_argument_is_unbounded() -> None:
    check_marked('''
        import asyncio

        class Thumbnailer:
            def __init__(self, make) -> None:
                self.make = make
                self.pending: asyncio.Queue = asyncio.Queue()  # ACK501

            async def serve(self, query: dict) -> bytes:
                width, height = (int(query[key]) for key in ("w", "h"))
                reply = asyncio.get_running_loop().create_future()
                self.pending.put_nowait((width, height, reply))
                return await reply

            async def worker(self) -> None:
                while True:
                    width, height, reply = await self.pending.get()
                    reply.set_result(await self.make(width, height))
    ''', ["ACK501"])


def test_unpacked_parts_of_something_else_or_a_caller_taking_a_slot_stay_quiet() -> None:
    check_marked('''
        import asyncio

        SIZES = {"small": (64, 64)}

        class FixedThumbnailer:
            def __init__(self, make) -> None:
                self.make = make
                self.pending: asyncio.Queue = asyncio.Queue()

            async def serve(self) -> bytes:
                width, height = SIZES["small"]
                reply = asyncio.get_running_loop().create_future()
                self.pending.put_nowait((width, height, reply))
                return await reply

            async def worker(self) -> None:
                while True:
                    width, height, reply = await self.pending.get()
                    reply.set_result(await self.make(width, height))

        class SlottedThumbnailer:
            def __init__(self, make) -> None:
                self.make = make
                self.slots = asyncio.Semaphore(8)
                self.pending: asyncio.Queue = asyncio.Queue()

            async def serve(self, query: dict) -> bytes:
                width, height = (int(query[key]) for key in ("w", "h"))
                async with self.slots:
                    reply = asyncio.get_running_loop().create_future()
                    self.pending.put_nowait((width, height, reply))
                    return await reply

            async def worker(self) -> None:
                while True:
                    width, height, reply = await self.pending.get()
                    reply.set_result(await self.make(width, height))
    ''', ["ACK501"])


# -- 2. ACK103: an openpyxl workbook written to (or loaded from) a file ------------------------------------------
def test_openpyxl_workbook_saved_to_a_path_or_loaded_from_one_blocks() -> None:
    check_marked('''
        import openpyxl
        from openpyxl import Workbook, load_workbook

        async def write_ledger(entries, target):
            book = openpyxl.Workbook()
            sheet = book.active
            for entry in entries:
                sheet.append(list(entry))
            book.save(target)  # ACK103

        async def stamp(source):
            ledger = load_workbook(source)  # ACK103
            ledger.active["A1"] = "checked"
            ledger.save(source)  # ACK103

        async def blank(target):
            Workbook(write_only=True).save(target)  # ACK103
    ''', ["ACK103"])


def test_workbook_saved_to_memory_or_in_a_thread_and_a_project_save_stay_quiet() -> None:
    check_marked('''
        import asyncio
        import io
        from openpyxl import Workbook

        class Spreadsheet:
            def save(self, target) -> None: ...

        async def to_bytes(entries) -> bytes:
            book = Workbook()
            for entry in entries:
                book.active.append(list(entry))
            out = io.BytesIO()
            book.save(out)
            return out.getvalue()

        async def in_thread(target) -> None:
            book = Workbook()
            await asyncio.to_thread(book.save, target)

        async def own(target) -> None:
            Spreadsheet().save(target)

        def offline(target) -> None:
            Workbook().save(target)
    ''', ["ACK103"])
