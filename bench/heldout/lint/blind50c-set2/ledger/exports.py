"""Statement exports and the nightly archive."""
from __future__ import annotations

import asyncio
import json
import logging
import pickle
import shutil
import zipfile
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Optional

log = logging.getLogger(__name__)


class StatementWriter:  # expect: blocking-call
    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def index_file(self) -> Path:
        return self.root / "index.json"

    async def add(self, account: str, name: str) -> None:
        index = json.loads(self.index_file.read_text()) if self.index_file.exists() else {}
        index.setdefault(account, []).append(name)
        self.index_file.write_text(json.dumps(index))


class StatementPaths:  # expect: clean  # near: blocking-call
    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def index_file(self) -> Path:
        return self.root / "index.json"

    async def name_for(self, account: str, month: str) -> str:
        return str(self.index_file.with_name(f"{account}-{month}.pdf").relative_to(self.root))


async def restore_snapshot(path: Path) -> dict:  # expect: blocking-call
    with open(path, "rb") as fh:
        return pickle.load(fh)


async def bundle(paths: list[Path], out: Path) -> Path:  # expect: blocking-call
    with zipfile.ZipFile(out, "w") as zf:
        for p in paths:
            zf.write(p, arcname=p.name)
    return out


async def copy_archive(src: Path, dst: Path) -> None:  # expect: blocking-call
    await asyncio.sleep(0)
    shutil.copytree(src, dst, dirs_exist_ok=True)


def _render(account: str) -> bytes:  # expect: clean
    return account.encode()


async def render_statements(accounts: list[str]) -> dict[str, bytes]:  # expect: blocking-call
    out: dict[str, bytes] = {}
    with ProcessPoolExecutor() as pool:
        futures = {pool.submit(_render, a): a for a in accounts}
        for fut in as_completed(futures):
            out[futures[fut]] = fut.result()
    return out


async def render_statements_async(accounts: list[str]) -> dict[str, bytes]:  # expect: clean  # near: blocking-call
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor() as pool:
        rendered = await asyncio.gather(*(loop.run_in_executor(pool, _render, a) for a in accounts))
    return dict(zip(accounts, rendered))


class ExportCache:  # expect: clean  # near: blocking-call
    def __init__(self) -> None:
        self._files: dict[str, bytes] = {}

    def get(self, name: str) -> Optional[bytes]:
        return self._files.get(name)

    async def fetch(self, name: str, loader) -> bytes:
        cached = self.get(name)
        if cached is None:
            cached = self._files[name] = await loader(name)
        return cached


async def ask_operator(prompt: str) -> bool:  # expect: blocking-call
    answer = input(f"{prompt} [y/N] ")
    return answer.strip().lower() == "y"
