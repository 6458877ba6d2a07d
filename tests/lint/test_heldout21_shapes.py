"""Shapes found missing on the twenty-first held-out set (the long tail of blocking knowledge): each flagged
shape beside the look-alikes that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked

BLOCKING = ["ACK101", "ACK102", "ACK103", "ACK104", "ACK105", "ACK106", "ACK107", "ACK108", "ACK110"]


def test_a_copied_items_view_keeps_the_instances_it_holds():
    check_marked('''
        import asyncio
        import subprocess
        import threading

        class Supervisor:
            def __init__(self) -> None:
                self.procs: dict[str, subprocess.Popen] = {}
                self.workers: dict[str, threading.Thread] = {}

            async def stop_all(self) -> None:
                for name, proc in list(self.procs.items()):
                    proc.terminate()
                    proc.wait()  # ACK104
                    del self.procs[name]

            async def join_sorted(self) -> None:
                for name, worker in sorted(self.workers.items()):
                    worker.join()  # ACK106

            async def stop_all_offloaded(self) -> None:
                for name, proc in list(self.procs.items()):
                    proc.terminate()
                    await asyncio.to_thread(proc.wait)

            async def names(self) -> list:
                return [name.upper() for name, _ in list(self.procs.items())]
    ''', BLOCKING)


def test_copying_between_in_memory_buffers_is_not_file_io():
    check_marked('''
        import io
        import shutil

        async def clone(src: io.BytesIO) -> bytes:
            out = io.BytesIO()
            shutil.copyfileobj(src, out)
            return out.getvalue()

        async def clone_text(raw: str) -> str:
            out = io.StringIO()
            shutil.copyfileobj(io.StringIO(raw), out)
            return out.getvalue()

        async def save(src: io.BytesIO, path: str) -> None:
            with open(path, "wb") as out:  # ACK103
                shutil.copyfileobj(src, out)  # ACK103

        async def clone_from(src) -> bytes:
            out = io.BytesIO()
            shutil.copyfileobj(src, out)  # ACK103
            return out.getvalue()
    ''', BLOCKING)


def test_a_parameter_declared_an_in_memory_stream_keeps_file_readers_off_the_disk():
    check_marked('''
        import io
        import pandas as pd

        async def table(buf: io.StringIO) -> int:
            return len(pd.read_csv(buf))

        async def table_from(path_or_buf) -> int:
            return len(pd.read_csv(path_or_buf))  # ACK103

        async def table_reassigned(buf: io.StringIO, path: str) -> int:
            if not buf.getvalue():
                buf = open(path)  # ACK103
            return len(pd.read_csv(buf))  # ACK103
    ''', BLOCKING)
