"""Notebook helpers and a typer CLI around an async HTTP client library of the team's."""
from __future__ import annotations

import asyncio
import atexit
import contextlib
from typing import AsyncIterator

import httpx
import typer

app = typer.Typer()


class Api:  # expect: clean
    def __init__(self, base: str):
        self._c = httpx.AsyncClient(base_url=base)

    async def get(self, path: str) -> dict:
        r = await self._c.get(path)
        return r.json()

    async def aclose(self) -> None:
        await self._c.aclose()


def make_api() -> Api:  # expect: clean
    return Api("https://api.internal")


@app.command()
def show(path: str) -> None:  # expect: unawaited-coroutine
    api = make_api()
    data = api.get(path)
    typer.echo(data)


@app.command()
def show_ok(path: str) -> None:  # expect: clean  # near: unawaited-coroutine
    async def main() -> dict:
        api = make_api()
        try:
            return await api.get(path)
        finally:
            await api.aclose()

    typer.echo(asyncio.run(main()))


def cleanup_on_exit(api: Api) -> None:  # expect: unawaited-coroutine
    atexit.register(api.aclose)


def cleanup_on_exit_ok(api: Api) -> None:  # expect: clean  # near: unawaited-coroutine
    atexit.register(lambda: asyncio.run(api.aclose()))


@contextlib.asynccontextmanager
async def session() -> AsyncIterator[Api]:  # expect: unawaited-coroutine
    api = make_api()
    try:
        yield api
    finally:
        api.aclose()


@contextlib.asynccontextmanager
async def session_ok() -> AsyncIterator[Api]:  # expect: clean  # near: unawaited-coroutine
    api = make_api()
    try:
        yield api
    finally:
        await api.aclose()


async def fetch_many(paths: list[str]) -> list[dict]:  # expect: unawaited-coroutine
    async with session_ok() as api:
        results = []
        for p in paths:
            results.append(api.get(p))
        return [r["id"] for r in results]


async def fetch_many_ok(paths: list[str]) -> list[dict]:  # expect: clean  # near: unawaited-coroutine
    async with session_ok() as api:
        results = [api.get(p) for p in paths]
        return await asyncio.gather(*results)


def peek(path: str) -> dict:  # expect: unawaited-coroutine
    """Notebook helper: returns the payload for display."""
    loop = asyncio.new_event_loop()
    api = make_api()
    result = api.get(path)
    loop.close()
    return result
