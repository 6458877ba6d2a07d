"""Storage back ends behind one Protocol."""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Protocol


class BlobStore(Protocol):  # expect: clean
    async def put(self, key: str, data: bytes) -> None: ...

    async def get(self, key: str) -> bytes: ...


class SyncBlobStore(Protocol):  # expect: clean
    def put(self, key: str, data: bytes) -> None: ...

    def get(self, key: str) -> bytes: ...


class DiskStore:  # expect: clean
    """Sync store; callers must run it in a thread."""

    def __init__(self, root: str) -> None:
        self.root = Path(root)

    def put(self, key: str, data: bytes) -> None:
        target = self.root / key
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    def get(self, key: str) -> bytes:
        return (self.root / key).read_bytes()

    def wipe(self) -> None:
        shutil.rmtree(self.root)
        os.makedirs(self.root)


class MemoryStore:  # expect: clean
    def __init__(self) -> None:
        self.blobs: dict[str, bytes] = {}

    async def put(self, key: str, data: bytes) -> None:
        self.blobs[key] = data

    async def get(self, key: str) -> bytes:
        return self.blobs[key]
