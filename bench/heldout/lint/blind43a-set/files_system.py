"""Backup agent: walks trees, hashes, archives and reads scientific formats, driven from an asyncio API."""
from __future__ import annotations

import asyncio
import csv
import getpass
import glob
import hashlib
import os
import shutil
import tarfile
import zipfile
from pathlib import Path

import docx
import h5py
import keyring
import netCDF4
import openpyxl
import pyarrow.parquet as pq

import aiofiles
import aioshutil


async def copy_tree(src: str, dst: str) -> None:  # expect: blocking-call
    shutil.copytree(src, dst, dirs_exist_ok=True)


async def copy_tree_offloaded(src: str, dst: str) -> None:  # expect: clean  # near: blocking-call
    await asyncio.to_thread(shutil.copytree, src, dst, dirs_exist_ok=True)


async def copy_tree_aio(src: str, dst: str) -> None:  # expect: clean  # near: blocking-call
    await aioshutil.copytree(src, dst)


async def disk_usage(root: str) -> int:  # expect: blocking-call
    total = 0
    for dirpath, _dirs, files in os.walk(root):
        total += sum(os.path.getsize(os.path.join(dirpath, f)) for f in files)
    return total


async def find_logs(root: str) -> list[str]:  # expect: blocking-call
    return glob.glob(os.path.join(root, "**", "*.log"), recursive=True)


async def find_logs_pathlib(root: Path) -> list[Path]:  # expect: blocking-call
    return sorted(root.rglob("*.log"))


async def file_digest(path: str) -> str:  # expect: blocking-call
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


async def bytes_digest(data: bytes) -> str:  # expect: clean  # near: blocking-call
    return hashlib.sha256(data).hexdigest()


async def file_digest_aio(path: str) -> str:  # expect: clean  # near: blocking-call
    h = hashlib.sha256()
    async with aiofiles.open(path, "rb") as fh:
        while chunk := await fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


async def zip_reports(paths: list[str], dest: str) -> None:  # expect: blocking-call
    with zipfile.ZipFile(dest, "w") as zf:
        for p in paths:
            zf.write(p, arcname=os.path.basename(p))


async def untar(archive: str, dest: str) -> None:  # expect: blocking-call
    with tarfile.open(archive) as tf:
        tf.extractall(dest)


async def backup_password(service: str) -> str:  # expect: blocking-call
    return keyring.get_password(service, "backup")


async def ask_passphrase() -> str:  # expect: blocking-call
    return getpass.getpass("passphrase: ")


async def ask_passphrase_offloaded() -> str:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(getpass.getpass, "passphrase: ")


async def read_dataset(path: str, name: str):  # expect: blocking-call
    with h5py.File(path, "r") as f:
        return f[name][:]


async def read_temperature(path: str):  # expect: blocking-call
    ds = netCDF4.Dataset(path)
    try:
        return ds.variables["temp"][:]
    finally:
        ds.close()


async def parquet_rows(path: str) -> int:  # expect: blocking-call
    return pq.read_table(path).num_rows


async def sheet_values(path: str) -> list:  # expect: blocking-call
    wb = openpyxl.load_workbook(path, read_only=True)
    return [list(r) for r in wb.active.iter_rows(values_only=True)]


async def contract_text(path: str) -> str:  # expect: blocking-call
    document = docx.Document(path)
    return "\n".join(p.text for p in document.paragraphs)


async def export_manifest(rows: list[dict], path: str) -> None:  # expect: blocking-call
    with open(path, "w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["path", "sha256"])
        writer.writeheader()
        writer.writerows(rows)


async def parse_manifest(text: str) -> list[dict]:  # expect: clean  # near: blocking-call
    import io
    return list(csv.DictReader(io.StringIO(text)))


class Snapshotter:  # expect: blocking-call
    def __init__(self, root: Path) -> None:
        self.root = root

    def _archive(self, name: str) -> str:
        return shutil.make_archive(str(self.root / name), "gztar", self.root)

    async def snapshot(self, name: str) -> str:
        return self._archive(name)


class SnapshotterOffloaded:  # expect: clean  # near: blocking-call
    def __init__(self, root: Path) -> None:
        self.root = root

    def _archive(self, name: str) -> str:
        return shutil.make_archive(str(self.root / name), "gztar", self.root)

    async def snapshot(self, name: str) -> str:
        return await asyncio.to_thread(self._archive, name)


async def cleanup(paths: list[str]) -> None:  # expect: ?blocking-call
    for p in paths:
        os.remove(p)


async def purge_spool(spool: Path) -> None:  # expect: blocking-call
    shutil.rmtree(spool, ignore_errors=True)
    spool.mkdir()


async def join_paths(root: str, parts: list[str]) -> list[str]:  # expect: clean  # near: blocking-call
    return [os.path.join(root, p) for p in parts if not p.startswith(".")]
