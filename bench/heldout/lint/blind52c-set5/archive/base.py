"""Storage backends: one interface, a local-disk backend and an S3-like HTTP backend."""
from __future__ import annotations

import abc
import gzip
import shutil
from pathlib import Path
from typing import BinaryIO

import requests


class Backend(abc.ABC):  # expect: clean
    @abc.abstractmethod
    def put(self, key: str, data: bytes) -> None: ...

    @abc.abstractmethod
    def get(self, key: str) -> bytes: ...

    def copy_from(self, key: str, src: BinaryIO) -> None:
        self.put(key, src.read())


class DiskBackend(Backend):  # expect: clean
    def __init__(self, root: Path) -> None:
        self.root = root

    def put(self, key: str, data: bytes) -> None:
        (self.root / key).write_bytes(data)

    def get(self, key: str) -> bytes:
        return (self.root / key).read_bytes()


class HttpBackend(Backend):  # expect: clean
    def __init__(self, base: str) -> None:
        self.base = base
        self.http = requests.Session()

    def put(self, key: str, data: bytes) -> None:
        self.http.put(f"{self.base}/{key}", data=data, timeout=30).raise_for_status()

    def get(self, key: str) -> bytes:
        resp = self.http.get(f"{self.base}/{key}", timeout=30)
        resp.raise_for_status()
        return resp.content


def compress(src: Path, dst: Path) -> Path:  # expect: clean
    with src.open("rb") as fin, gzip.open(dst, "wb") as fout:
        shutil.copyfileobj(fin, fout)
    return dst
