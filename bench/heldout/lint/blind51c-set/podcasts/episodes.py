"""Downloading, tagging and transcoding episodes."""
from __future__ import annotations

import asyncio
import hashlib
import shutil
import subprocess
from pathlib import Path

import aiofiles
import aiohttp
from mutagen.mp3 import MP3
from pydub import AudioSegment

LIBRARY = Path("/var/lib/podcasts")


async def download(session: aiohttp.ClientSession, url: str, dest: Path) -> Path:  # expect: blocking-call
    async with session.get(url) as resp:
        with dest.open("wb") as out:
            async for chunk in resp.content.iter_chunked(1 << 16):
                out.write(chunk)
    return dest


async def download_async(session: aiohttp.ClientSession, url: str, dest: Path) -> Path:  # expect: clean  # near: blocking-call
    async with session.get(url) as resp:
        async with aiofiles.open(dest, "wb") as out:
            async for chunk in resp.content.iter_chunked(1 << 16):
                await out.write(chunk)
    return dest


async def duration_of(path: Path) -> float:  # expect: blocking-call
    return MP3(path).info.length


def _duration(path: Path) -> float:  # expect: clean  # near: blocking-call
    return MP3(path).info.length


async def duration_offloaded(path: Path) -> float:  # expect: clean  # near: blocking-call
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, _duration, path)


async def normalise(path: Path) -> Path:  # expect: blocking-call
    audio = AudioSegment.from_mp3(path)
    out = path.with_suffix(".norm.mp3")
    audio.apply_gain(-audio.dBFS - 16).export(out, format="mp3")
    return out


async def transcode(path: Path, bitrate: str = "64k") -> Path:  # expect: blocking-call
    out = path.with_suffix(f".{bitrate}.opus")
    subprocess.run(["ffmpeg", "-y", "-i", str(path), "-b:a", bitrate, str(out)], check=True)
    return out


async def transcode_async(path: Path, bitrate: str = "64k") -> Path:  # expect: clean  # near: blocking-call
    out = path.with_suffix(f".{bitrate}.opus")
    proc = await asyncio.create_subprocess_exec("ffmpeg", "-y", "-i", str(path), "-b:a", bitrate, str(out))
    if await proc.wait() != 0:
        raise RuntimeError(f"ffmpeg failed on {path}")
    return out


async def checksum(path: Path) -> str:  # expect: blocking-call
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


async def archive(path: Path) -> None:  # expect: blocking-call
    shutil.move(str(path), LIBRARY / "archive" / path.name)


async def archive_offloaded(path: Path) -> None:  # expect: clean  # near: blocking-call
    await asyncio.to_thread(shutil.move, str(path), LIBRARY / "archive" / path.name)
