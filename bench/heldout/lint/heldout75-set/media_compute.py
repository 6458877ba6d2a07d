"""Media and report pipeline: images, data frames, templates, archives, hashes, passwords."""
from __future__ import annotations

import asyncio
import hashlib
import shutil
import tarfile
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import argon2
import bcrypt
import jinja2
import numpy as np
import pandas as pd
from PIL import Image

_templates = jinja2.Environment(loader=jinja2.FileSystemLoader("templates"))
_hasher = argon2.PasswordHasher()
_pool = ProcessPoolExecutor(max_workers=2)


async def make_thumbnail(src: Path, dst: Path) -> None:  # expect: blocking-call
    with Image.open(src) as img:
        img.thumbnail((256, 256))
        img.save(dst, "JPEG")


async def make_thumbnail_offloaded(src: Path, dst: Path) -> None:  # expect: clean  # near: blocking-call
    def work() -> None:
        with Image.open(src) as img:
            img.thumbnail((256, 256))
            img.save(dst, "JPEG")

    await asyncio.to_thread(work)


async def load_sales(csv_path: str) -> pd.DataFrame:  # expect: blocking-call
    return pd.read_csv(csv_path, parse_dates=["day"])


async def export_sales(df: pd.DataFrame, out: str) -> None:  # expect: blocking-call
    df.to_parquet(out)


async def summarise(df: pd.DataFrame) -> dict:  # expect: clean  # near: blocking-call
    return df.groupby("region")["total"].sum().to_dict()


async def load_matrix(path: str) -> np.ndarray:  # expect: blocking-call
    return np.load(path)


async def render_invoice(invoice: dict) -> str:  # expect: ?blocking-call
    template = _templates.get_template("invoice.html")
    return template.render(invoice=invoice)


async def render_inline(invoice: dict) -> str:  # expect: clean  # near: blocking-call
    return jinja2.Template("Total: {{ total }}").render(total=invoice["total"])


async def bundle_logs(log_dir: str, out: str) -> str:  # expect: blocking-call
    return shutil.make_archive(out, "gztar", log_dir)


async def bundle_logs_offloaded(log_dir: str, out: str) -> str:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(shutil.make_archive, out, "gztar", log_dir)


async def unpack_upload(archive: Path, dest: Path) -> list[str]:  # expect: blocking-call
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(dest)
        return zf.namelist()


async def unpack_tarball(archive: Path, dest: Path) -> None:  # expect: blocking-call
    with tarfile.open(archive, "r:gz") as tf:
        tf.extractall(dest, filter="data")


async def checksum(path: Path) -> str:  # expect: blocking-call
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


async def checksum_file_digest(path: Path) -> str:  # expect: blocking-call
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


async def checksum_bytes(data: bytes) -> str:  # expect: clean  # near: blocking-call
    return hashlib.sha256(data).hexdigest()


async def register(user: str, password: str, db) -> None:  # expect: blocking-call
    hashed = bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=12))
    await db.insert_user(user, hashed)


async def login(user: str, password: str, db) -> bool:  # expect: blocking-call
    row = await db.get_user(user)
    try:
        return _hasher.verify(row["hash"], password)
    except argon2.exceptions.VerifyMismatchError:
        return False


async def login_offloaded(user: str, password: str, db) -> bool:  # expect: clean  # near: blocking-call
    row = await db.get_user(user)
    return await asyncio.to_thread(bcrypt.checkpw, password.encode(), row["hash"])


def _resize_all(paths: list[str]) -> int:  # expect: clean  # near: blocking-call
    for p in paths:
        with Image.open(p) as img:
            img.resize((64, 64)).save(p)
    return len(paths)


async def resize_batch(paths: list[str]) -> int:  # expect: clean  # near: blocking-call
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_pool, _resize_all, paths)
