"""Where results go: a sqlite file for the runner, with an async face for the API."""
from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path


class ResultStore:  # expect: clean
    def __init__(self, path: Path) -> None:
        self.path = path

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path)

    def save(self, job: str, status: int) -> None:
        with self._connect() as conn:
            conn.execute("INSERT INTO results VALUES (?, ?)", (job, status))

    async def save_async(self, job: str, status: int) -> None:
        await asyncio.to_thread(self.save, job, status)

    def load(self, job: str) -> int | None:
        with self._connect() as conn:
            row = conn.execute("SELECT status FROM results WHERE job = ?", (job,)).fetchone()
        return row[0] if row else None
