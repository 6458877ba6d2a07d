"""The archive's async service layer."""
from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import os
import tarfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import AsyncIterator, Iterator, Optional

from .base import Backend, DiskBackend, HttpBackend, compress

SPOOL = Path(os.environ.get("ARCHIVE_SPOOL", "/var/spool/archive"))


@dataclass
class Archive:  # expect: blocking-call
    backend: Backend
    index: dict[str, str] = field(default_factory=dict)

    async def store(self, key: str, data: bytes) -> None:
        self.backend.put(key, data)
        self.index[key] = hashlib.sha256(data).hexdigest()


@dataclass
class OffloadedArchive:  # expect: clean  # near: blocking-call
    backend: Backend
    index: dict[str, str] = field(default_factory=dict)

    async def store(self, key: str, data: bytes) -> None:
        await asyncio.to_thread(self.backend.put, key, data)
        self.index[key] = hashlib.sha256(data).hexdigest()


async def restore(backend: Optional[HttpBackend], key: str) -> bytes:  # expect: blocking-call
    if backend is None:
        raise LookupError(key)
    return backend.get(key)


async def spool_and_compress(name: str, body: bytes) -> Path:  # expect: blocking-call
    raw = SPOOL / name
    await asyncio.to_thread(raw.write_bytes, body)
    return compress(raw, raw.with_suffix(".gz"))


async def spool_and_compress_offloaded(name: str, body: bytes) -> Path:  # expect: clean  # near: blocking-call
    raw = SPOOL / name
    await asyncio.to_thread(raw.write_bytes, body)
    return await asyncio.to_thread(compress, raw, raw.with_suffix(".gz"))


def _members(path: Path) -> Iterator[str]:  # expect: clean
    with tarfile.open(path) as tar:
        for member in tar:
            yield member.name


async def list_bundle(path: Path) -> list[str]:  # expect: blocking-call
    return [name async for name in _aiter(_members(path))]


async def _aiter(it: Iterator[str]) -> AsyncIterator[str]:  # expect: clean
    for item in it:
        yield item


async def list_bundle_offloaded(path: Path) -> list[str]:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(lambda: list(_members(path)))


class Bundle:  # expect: blocking-call
    def __init__(self, path: Path) -> None:
        self.path = path
        self._zip: zipfile.ZipFile | None = None

    async def __aenter__(self) -> "Bundle":
        self._zip = zipfile.ZipFile(self.path)
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._zip is not None:
            self._zip.close()

    async def manifest(self) -> dict:
        assert self._zip is not None
        return json.loads(self._zip.read("manifest.json"))


@contextlib.contextmanager
def spool_file(name: str) -> Iterator[Path]:  # expect: clean
    path = SPOOL / name
    try:
        yield path
    finally:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


async def ingest(name: str, body: bytes, backend: Backend) -> None:  # expect: blocking-call
    with spool_file(name) as path:
        await asyncio.to_thread(path.write_bytes, body)
        await asyncio.to_thread(backend.put, name, body)


async def local_backend(root: str) -> DiskBackend:  # expect: clean  # near: blocking-call
    return DiskBackend(Path(root))


async def checksum(path: Path) -> str:  # expect: blocking-call
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(65536), b""):
            digest.update(chunk)
    return digest.hexdigest()


async def checksum_bytes(data: bytes) -> str:  # expect: clean  # near: blocking-call
    return hashlib.sha256(data).hexdigest()
