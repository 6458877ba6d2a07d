"""Windowed aggregates: pandas for the small windows, polars and duckdb for the daily roll-ups."""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

ROLLUPS = Path("/var/lib/streamstats/rollups")
Conn = duckdb.DuckDBPyConnection


@dataclass
class WindowFrame:  # expect: clean
    rows: list[dict] = field(default_factory=list)

    def add(self, row: dict) -> None:
        self.rows.append(row)

    def to_rows(self) -> list[dict]:
        return list(self.rows)

    def reset(self) -> None:
        self.rows.clear()

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame.from_records(self.rows)


async def summarize_window(frame: WindowFrame) -> dict:  # expect: clean  # near: blocking-call
    # a ten-second window: a few hundred rows in memory
    df = frame.to_frame()
    if df.empty:
        return {}
    return df.groupby("page")["ms"].mean().to_dict()


async def write_rollup(day: str, frame: WindowFrame) -> Path:  # expect: blocking-call
    path = ROLLUPS / f"{day}.parquet"
    frame.to_frame().to_parquet(path, index=False)
    return path


async def write_rollup_ok(day: str, frame: WindowFrame) -> Path:  # expect: clean  # near: blocking-call
    path = ROLLUPS / f"{day}.parquet"
    df = frame.to_frame()
    await asyncio.to_thread(df.to_parquet, path, index=False)
    return path


async def load_history(days: list[str]) -> pl.DataFrame:  # expect: blocking-call
    frames = [pl.read_parquet(ROLLUPS / f"{d}.parquet") for d in days]
    return pl.concat(frames)


def _scan_history(days: list[str]) -> pl.DataFrame:  # expect: clean
    return pl.concat([pl.read_parquet(ROLLUPS / f"{d}.parquet") for d in days])


async def load_history_ok(days: list[str]) -> pl.DataFrame:  # expect: clean  # near: blocking-call
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, _scan_history, days)


class RollupStore:  # expect: blocking-call
    """A duckdb file the dashboards query; one connection for the process."""

    def __init__(self, path: str) -> None:
        self.con = duckdb.connect(path)

    async def top_pages(self, day: str, limit: int = 20) -> list[tuple]:
        return self.con.execute(
            "SELECT page, count(*) FROM read_parquet(?) GROUP BY page ORDER BY 2 DESC LIMIT ?",
            [str(ROLLUPS / f"{day}.parquet"), limit],
        ).fetchall()


class RollupStoreOk:  # expect: clean  # near: blocking-call
    def __init__(self, path: str) -> None:
        self.con = duckdb.connect(path)

    def _top_pages(self, day: str, limit: int) -> list[tuple]:
        cur = self.con.cursor()
        return cur.execute(
            "SELECT page, count(*) FROM read_parquet(?) GROUP BY page ORDER BY 2 DESC LIMIT ?",
            [str(ROLLUPS / f"{day}.parquet"), limit],
        ).fetchall()

    async def top_pages(self, day: str, limit: int = 20) -> list[tuple]:
        return await asyncio.to_thread(self._top_pages, day, limit)


async def count_events(con: Conn, day: str) -> int:  # expect: blocking-call
    row = con.execute("SELECT count(*) FROM events WHERE day = ?", [day]).fetchone()
    return int(row[0])


async def rollup_schema(day: str) -> pa.Schema:  # expect: blocking-call
    return pq.read_schema(ROLLUPS / f"{day}.parquet")


async def window_table(frame: WindowFrame) -> pa.Table:  # expect: clean  # near: blocking-call
    return pa.Table.from_pylist(frame.to_rows())
