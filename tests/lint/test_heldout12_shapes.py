"""Shapes found missing on a twelfth held-out set of library code (SDKs, pools, protocols): each flagged shape
beside the look-alikes that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked

BLOCKING = ["ACK101", "ACK102", "ACK103", "ACK104", "ACK105", "ACK106", "ACK107", "ACK108"]


def test_dbm_and_shelve_databases_are_files_on_disk():
    check_marked('''
        import asyncio
        import dbm
        import dbm.dumb
        import shelve

        class SessionStore:
            def __init__(self, filename: str) -> None:
                self.filename = filename
                self.sessions = shelve.open(filename)

            async def lookup(self, sid: str):
                return self.sessions.get(sid)  # ACK103

            async def remember(self, sid: str, data: dict) -> None:
                with shelve.open(self.filename, writeback=True) as db:  # ACK103
                    db[sid] = data

            async def flush(self) -> None:
                self.sessions.sync()  # ACK103

        async def mark_seen(path: str, key: bytes) -> None:
            with dbm.open(path, "c") as db:  # ACK103
                db[key] = b"1"
            legacy = dbm.dumb.open(path + ".old")  # ACK103
            legacy.close()

        def count_sessions(filename: str) -> int:
            with shelve.open(filename, flag="r") as db:
                return len(db)

        class MemoryShelf:
            """A shelf over a dict: pickling in memory, no file."""
            def __init__(self) -> None:
                self.db = shelve.Shelf({})

            async def lookup(self, sid: str):
                return self.db.get(sid)

        class Catalogue:
            def open(self, name: str) -> dict:
                return {}

            async def entry(self, name: str, key: str):
                return self.open(name).get(key)

        async def offloaded(filename: str) -> int:
            db = await asyncio.to_thread(shelve.open, filename, "r")
            await asyncio.to_thread(db.close)
            return await asyncio.to_thread(count_sessions, filename)
    ''', BLOCKING)
