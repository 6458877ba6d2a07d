"""Nightly reports for city operations: exports, archives and the map renderer."""
from __future__ import annotations

import asyncio
import gzip
import logging
import multiprocessing
import os
import subprocess
import tempfile
from pathlib import Path
from typing import Sequence

log = logging.getLogger(__name__)
RENDERER = "/opt/maprender/bin/render"


def _heatmap_tile(args: tuple[int, int, int]) -> bytes:
    z, x, y = args
    return subprocess.run([RENDERER, str(z), str(x), str(y)], capture_output=True, check=True).stdout


async def render_tiles(tiles: Sequence[tuple[int, int, int]]) -> list[bytes]:  # expect: blocking-call
    with multiprocessing.Pool(4) as pool:
        return pool.map(_heatmap_tile, tiles)


async def render_tiles_offloaded(tiles: Sequence[tuple[int, int, int]]) -> list[bytes]:  # expect: clean  # near: blocking-call
    def run() -> list[bytes]:
        with multiprocessing.Pool(4) as pool:
            return pool.map(_heatmap_tile, tiles)

    return await asyncio.to_thread(run)


async def archive_day(day: str, rows: list[str], outdir: Path) -> Path:  # expect: blocking-call
    target = outdir / f"rides-{day}.csv.gz"
    with gzip.open(target, "wt") as fh:
        fh.writelines(row + "\n" for row in rows)
    return target


async def spool_export(rows: list[str]) -> str:  # expect: blocking-call
    spool = tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False)
    for row in rows:
        spool.write(row + "\n")
    spool.close()
    return spool.name


async def start_renderer(config: Path) -> int:  # expect: blocking-call
    proc = subprocess.Popen([RENDERER, "--config", str(config)], stdout=subprocess.PIPE)
    out, _ = proc.communicate(timeout=60)
    log.info("renderer said %s", out[:80])
    return proc.returncode


async def start_renderer_async(config: Path) -> int:  # expect: clean  # near: blocking-call
    proc = await asyncio.create_subprocess_exec(RENDERER, "--config", str(config), stdout=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate()
    log.info("renderer said %s", out[:80])
    return proc.returncode or 0


async def spawn_uploader(path: Path) -> int:  # expect: blocking-call
    pid = os.posix_spawn("/usr/bin/rclone", ["rclone", "copy", str(path), "remote:reports"], os.environ)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


async def render_all_cities(cities: list[str], render) -> None:  # expect: clean, ?unbounded-spawn
    tasks = [asyncio.create_task(render(city)) for city in cities]
    await asyncio.gather(*tasks)


async def render_all_cities_bounded(cities: list[str], render, limit: int = 8) -> None:  # expect: clean  # near: unbounded-spawn
    sem = asyncio.Semaphore(limit)

    async def one(city: str) -> None:
        async with sem:
            await render(city)

    await asyncio.gather(*(one(city) for city in cities))


async def nightly(cities: list[str], render) -> None:  # expect: cancellation-swallowed
    for city in cities:
        try:
            await asyncio.wait_for(render(city), timeout=600)
        except (asyncio.TimeoutError, asyncio.CancelledError):
            log.error("render of %s did not finish", city)
            continue


async def nightly_with_timeouts(cities: list[str], render) -> None:  # expect: clean  # near: cancellation-swallowed
    for city in cities:
        try:
            await asyncio.wait_for(render(city), timeout=600)
        except asyncio.TimeoutError:
            log.error("render of %s timed out", city)
            continue
