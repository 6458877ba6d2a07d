"""`shipit`: a deploy tool's click and typer commands, each wrapping an asyncio job."""
from __future__ import annotations

import asyncio
import logging
import sqlite3
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import asyncssh
import click
import httpx
import typer
from rich.console import Console
from rich.prompt import Confirm

log = logging.getLogger("shipit")
app = typer.Typer()
console = Console()


@dataclass
class AppContext:  # expect: clean
    """What the click group puts on `ctx.obj`."""

    state: sqlite3.Connection
    api: httpx.AsyncClient
    dry_run: bool = False


def open_state(path: Path) -> sqlite3.Connection:  # expect: clean
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE IF NOT EXISTS releases (tag TEXT, host TEXT, at REAL)")
    return conn


def git(*args: str) -> str:  # expect: clean
    return subprocess.check_output(["git", *args], text=True).strip()


async def record_release(ctx: AppContext, tag: str, host: str) -> None:  # expect: blocking-call
    ctx.state.execute("INSERT INTO releases VALUES (?, ?, strftime('%s'))", (tag, host))
    ctx.state.commit()
    await ctx.api.post("/releases", json={"tag": tag, "host": host})


async def record_release_ok(ctx: AppContext, tag: str, host: str) -> None:  # expect: clean  # near: blocking-call
    def write() -> None:
        ctx.state.execute("INSERT INTO releases VALUES (?, ?, strftime('%s'))", (tag, host))
        ctx.state.commit()

    await asyncio.to_thread(write)
    await ctx.api.post("/releases", json={"tag": tag, "host": host})


async def current_tag() -> str:  # expect: blocking-call
    return git("describe", "--tags", "--abbrev=0")


async def current_tag_ok() -> str:  # expect: clean  # near: blocking-call
    proc = await asyncio.create_subprocess_exec("git", "describe", "--tags", "--abbrev=0",
                                                stdout=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate()
    return out.decode().strip()


async def deploy_hosts(ctx: AppContext, hosts: list[str], tag: str) -> None:  # expect: blocking-call
    if not ctx.dry_run and not click.confirm(f"deploy {tag} to {len(hosts)} hosts?"):
        return
    for host in hosts:
        async with asyncssh.connect(host) as conn:
            await conn.run(f"deploy {tag}", check=True)
        await record_release(ctx, tag, host)


async def deploy_hosts_ok(ctx: AppContext, hosts: list[str], tag: str, yes: bool) -> None:  # expect: clean  # near: blocking-call
    click.echo(f"deploying {tag} to {len(hosts)} hosts")
    for host in hosts:
        async with asyncssh.connect(host) as conn:
            result = await conn.run(f"deploy {tag}", check=True)
        console.print(f"[green]{host}[/]: {result.stdout.strip()}")


async def rollback(ctx: AppContext, host: str) -> None:  # expect: blocking-call
    if not Confirm.ask(f"roll back {host}?", default=False):
        return
    async with asyncssh.connect(host) as conn:
        await conn.run("deploy --previous", check=True)


@click.group()
@click.option("--state", type=click.Path(path_type=Path), default=Path("shipit.db"))
@click.pass_context
def cli(ctx: click.Context, state: Path) -> None:  # expect: clean
    ctx.obj = AppContext(state=open_state(state), api=httpx.AsyncClient(base_url="https://deploy.internal"))


@cli.command()
@click.argument("hosts", nargs=-1)
@click.pass_obj
def deploy(obj: AppContext, hosts: tuple[str, ...]) -> None:  # expect: clean  # near: blocking-call
    tag = git("describe", "--tags", "--abbrev=0")
    asyncio.run(deploy_hosts(obj, list(hosts), tag))


@cli.command()
@click.argument("host")
@click.pass_obj
def undo(obj: AppContext, host: str) -> None:  # expect: unawaited-coroutine
    rollback(obj, host)
    click.echo(f"{host} rolled back")


async def status_all(hosts: list[str]) -> dict[str, str]:  # expect: clean
    async def one(host: str) -> str:
        async with asyncssh.connect(host) as conn:
            return (await conn.run("deploy --status")).stdout.strip()

    results = await asyncio.gather(*(one(h) for h in hosts))
    return dict(zip(hosts, results))


def run_sync(coro):  # expect: clean
    return asyncio.run(coro)


@app.command()
def status(hosts: list[str]) -> None:  # expect: clean  # near: blocking-call
    for host, line in run_sync(status_all(hosts)).items():
        typer.echo(f"{host}: {line}")


async def watch(hosts: list[str], every: float) -> None:  # expect: blocking-call
    while True:
        table = run_sync(status_all(hosts))
        console.print(table)
        await asyncio.sleep(every)


class Progress:  # expect: lock-across-await
    """Shared by the async deploy and the thread that tails remote logs."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.done: dict[str, str] = {}

    def note(self, host: str, line: str) -> None:
        with self._lock:
            self.done[host] = line

    async def report(self, api: httpx.AsyncClient) -> None:
        with self._lock:
            await api.post("/progress", json=self.done)


class ProgressOk:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.done: dict[str, str] = {}

    async def report(self, api: httpx.AsyncClient) -> None:
        with self._lock:
            body = dict(self.done)
        await api.post("/progress", json=body)


async def tail_logs(host: str, on_line) -> None:  # expect: ?cancellation-swallowed
    async with asyncssh.connect(host) as conn:
        async with conn.create_process("journalctl -fu app") as proc:
            try:
                async for line in proc.stdout:
                    on_line(host, line)
            except asyncio.CancelledError:
                console.print(f"[yellow]{host}: stopped tailing[/]")


async def tail_logs_ok(host: str, on_line) -> None:  # expect: clean  # near: cancellation-swallowed
    async with asyncssh.connect(host) as conn:
        async with conn.create_process("journalctl -fu app") as proc:
            try:
                async for line in proc.stdout:
                    on_line(host, line)
            except asyncio.CancelledError:
                console.print(f"[yellow]{host}: stopped tailing[/]")
                raise


@app.command()
def tail(hosts: list[str], seconds: Optional[float] = None) -> None:  # expect: clean  # near: unawaited-coroutine
    async def main() -> None:
        tasks = [asyncio.create_task(tail_logs(h, lambda h, l: typer.echo(f"{h}: {l}", nl=False))) for h in hosts]
        try:
            await asyncio.wait_for(asyncio.gather(*tasks), timeout=seconds)
        except asyncio.TimeoutError:
            pass

    asyncio.run(main())


async def announce(api: httpx.AsyncClient, tag: str) -> None:  # expect: unawaited-coroutine
    api.post("/announce", json={"tag": tag})
    typer.secho(f"announced {tag}", fg=typer.colors.GREEN)
