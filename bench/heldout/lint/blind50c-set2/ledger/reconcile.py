"""Reconciliation: matching the bank's statement lines to our postings."""
from __future__ import annotations

import asyncio
import csv
import io
import logging
import threading
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, Iterable

log = logging.getLogger(__name__)


@dataclass
class Line:
    ref: str
    amount: Decimal


async def matches(db, line: Line) -> bool:  # expect: clean
    posting = await db.find(line.ref)
    return posting is not None and posting.amount == line.amount


async def unmatched(db, lines: Iterable[Line]) -> list[Line]:  # expect: unawaited-coroutine
    return [line for line in lines if not matches(db, line)]


async def unmatched_awaited(db, lines: Iterable[Line]) -> list[Line]:  # expect: clean  # near: unawaited-coroutine
    return [line for line in lines if not await matches(db, line)]


async def matched_lines(db, lines: list[Line]) -> list[Line]:  # expect: unawaited-coroutine
    return list(filter(lambda line: matches(db, line), lines))


class Reconciler:  # expect: unawaited-coroutine
    def __init__(self, db) -> None:
        self.db = db

    async def ready(self) -> bool:
        return await self.db.ping()

    async def run(self, lines: list[Line]) -> int:
        if not self.ready():
            log.warning("database not ready, skipping")
            return 0
        done = 0
        for line in lines:
            done += await matches(self.db, line)
        return done


async def reconcile_in_background(db, lines: list[Line]) -> None:  # expect: unawaited-coroutine
    await asyncio.to_thread(unmatched, db, lines)


async def reconcile_thread(db, lines: list[Line]) -> threading.Thread:  # expect: unawaited-coroutine
    t = threading.Thread(target=unmatched, args=(db, lines), daemon=True)
    t.start()
    return t


def _run_unmatched(db, lines: list[Line]) -> list[Line]:  # expect: clean  # near: unawaited-coroutine
    return asyncio.run(unmatched_awaited(db, lines))


async def reconcile_thread_own_loop(db, lines: list[Line]) -> list[Line]:  # expect: clean  # near: unawaited-coroutine, blocking-call
    return await asyncio.to_thread(_run_unmatched, db, lines)


def parse_statement(fh: IO[str]) -> list[Line]:  # expect: clean
    return [Line(row["ref"], Decimal(row["amount"])) for row in csv.DictReader(fh)]


async def load_statement(path: Path) -> list[Line]:  # expect: blocking-call
    with path.open(newline="") as fh:
        return parse_statement(fh)


async def load_statement_text(text: str) -> list[Line]:  # expect: clean  # near: blocking-call
    return parse_statement(io.StringIO(text))


async def tail_statement(fh: IO[str]) -> list[str]:  # expect: ?blocking-call
    return [line.rstrip("\n") for line in fh]


async def reconcile_day(db, day: str, lines: list[Line]) -> int:  # expect: cancellation-swallowed
    try:
        return sum([await matches(db, line) for line in lines])
    except BaseException as exc:
        log.error("reconciliation of %s failed: %r", day, exc)
        return -1


async def reconcile_day_reraise(db, day: str, lines: list[Line]) -> int:  # expect: clean  # near: cancellation-swallowed
    try:
        return sum([await matches(db, line) for line in lines])
    except BaseException as exc:
        log.error("reconciliation of %s failed: %r", day, exc)
        raise


async def reconcile_all(db, days: dict[str, list[Line]]) -> dict[str, int]:  # expect: cancellation-swallowed
    results: dict[str, int] = {}
    for day, lines in days.items():
        try:
            results[day] = await reconcile_day_reraise(db, day, lines)
        finally:
            if day == "skip":
                continue
    return results


async def reconcile_all_timeboxed(db, days: dict[str, list[Line]]) -> dict[str, int]:  # expect: clean  # near: cancellation-swallowed
    results: dict[str, int] = {}
    for day, lines in days.items():
        try:
            async with asyncio.timeout(30):
                results[day] = await reconcile_day_reraise(db, day, lines)
        except TimeoutError:
            log.warning("reconciliation of %s timed out", day)
    return results
