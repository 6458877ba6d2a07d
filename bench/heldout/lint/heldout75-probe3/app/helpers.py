"""Sync helpers: run in threads by the async side."""
from __future__ import annotations

import subprocess
from pathlib import Path

import requests


def download(url: str, dest: str) -> int:  # expect: clean
    resp = requests.get(url, timeout=30)
    Path(dest).write_bytes(resp.content)
    return len(resp.content)


def convert(src: str, dst: str) -> None:  # expect: clean
    subprocess.run(["ffmpeg", "-y", "-i", src, dst], check=True)


class Config:  # expect: clean
    def __init__(self, path: str) -> None:
        self.values = dict(line.split("=", 1) for line in Path(path).read_text().splitlines() if "=" in line)


CONFIG = Config("app.cfg")
