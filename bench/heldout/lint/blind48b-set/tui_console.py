"""An operator console: a Textual dashboard and a prompt_toolkit shell over the same async job service."""
from __future__ import annotations

import asyncio
import logging
import subprocess
import threading

from prompt_toolkit import PromptSession
from prompt_toolkit.key_binding import KeyBindings
from prompt_toolkit.patch_stdout import patch_stdout
from textual import work
from textual.app import App, ComposeResult
from textual.widgets import DataTable, Log

from ops.jobs import JobService

log = logging.getLogger(__name__)
LINE_BACKLOG = 1_000


class RemoteLogPane:  # expect: unbounded-queue
    """Streams a job's remote log over asyncssh into the dashboard's log pane."""

    def __init__(self, conn) -> None:
        self.conn = conn
        self.lines: asyncio.Queue[str] = asyncio.Queue()

    async def follow(self, job_id: str) -> None:
        async with self.conn.create_process(f"journalctl -f -u job@{job_id}") as proc:
            async for line in proc.stdout:
                await self.lines.put(line.rstrip())


class RemoteLogPaneBounded:  # expect: clean  # near: unbounded-queue
    def __init__(self, conn) -> None:
        self.conn = conn
        self.lines: asyncio.Queue[str] = asyncio.Queue(maxsize=LINE_BACKLOG)

    async def follow(self, job_id: str) -> None:
        async with self.conn.create_process(f"journalctl -f -u job@{job_id}") as proc:
            async for line in proc.stdout:
                await self.lines.put(line.rstrip())


class JobsDashboard(App):  # expect: dangling-task
    def __init__(self, service: JobService) -> None:
        super().__init__()
        self.service = service

    def compose(self) -> ComposeResult:
        yield DataTable()
        yield Log()

    async def on_mount(self) -> None:
        asyncio.create_task(self.poll_jobs())

    async def poll_jobs(self) -> None:
        table = self.query_one(DataTable)
        while True:
            table.clear()
            for job in await self.service.list_jobs():
                table.add_row(job.id, job.state)
            await asyncio.sleep(2)


class JobsDashboardWorker(App):  # expect: clean  # near: dangling-task
    def __init__(self, service: JobService) -> None:
        super().__init__()
        self.service = service

    def compose(self) -> ComposeResult:
        yield DataTable()

    def on_mount(self) -> None:
        self.run_worker(self.poll_jobs(), exclusive=True, group="poll")

    async def poll_jobs(self) -> None:
        table = self.query_one(DataTable)
        while True:
            table.clear()
            for job in await self.service.list_jobs():
                table.add_row(job.id, job.state)
            await asyncio.sleep(2)


class TailApp(App):  # expect: thread-unsafe-capture
    """Tails a remote log over ssh in a thread worker and feeds the lines to an async renderer."""

    def __init__(self, host: str) -> None:
        super().__init__()
        self.host = host
        self.lines: asyncio.Queue[str] = asyncio.Queue(maxsize=LINE_BACKLOG)

    def compose(self) -> ComposeResult:
        yield Log()

    def on_mount(self) -> None:
        self.tail()
        self.render_lines()

    @work(thread=True, exclusive=True)
    def tail(self) -> None:
        proc = subprocess.Popen(["ssh", self.host, "tail", "-F", "/var/log/app.log"], stdout=subprocess.PIPE, text=True)
        for line in proc.stdout:
            self.lines.put_nowait(line.rstrip())

    @work(exclusive=True, group="render")
    async def render_lines(self) -> None:
        view = self.query_one(Log)
        while True:
            view.write_line(await self.lines.get())


class TailAppBridged(App):  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, host: str) -> None:
        super().__init__()
        self.host = host

    def compose(self) -> ComposeResult:
        yield Log()

    def on_mount(self) -> None:
        self.tail()

    @work(thread=True, exclusive=True)
    def tail(self) -> None:
        proc = subprocess.Popen(["ssh", self.host, "tail", "-F", "/var/log/app.log"], stdout=subprocess.PIPE, text=True)
        for line in proc.stdout:
            self.call_from_thread(self._append, line.rstrip())

    def _append(self, line: str) -> None:
        self.query_one(Log).write_line(line)


class RetryButtonApp(App):  # expect: unawaited-coroutine
    BINDINGS = [("r", "retry_selected", "Retry")]

    def __init__(self, service: JobService) -> None:
        super().__init__()
        self.service = service

    def compose(self) -> ComposeResult:
        yield DataTable()

    async def refresh_table(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for job in await self.service.list_jobs():
            table.add_row(job.id, job.state)

    async def action_retry_selected(self) -> None:
        table = self.query_one(DataTable)
        row = table.get_row_at(table.cursor_row)
        await self.service.retry(row[0])
        self.refresh_table()


class RetryButtonAppRefreshing(App):  # expect: clean  # near: unawaited-coroutine
    BINDINGS = [("r", "retry_selected", "Retry")]

    def __init__(self, service: JobService) -> None:
        super().__init__()
        self.service = service

    def compose(self) -> ComposeResult:
        yield DataTable()

    async def action_retry_selected(self) -> None:
        table = self.query_one(DataTable)
        row = table.get_row_at(table.cursor_row)
        await self.service.retry(row[0])
        self.refresh()


async def console_blocking_prompt(service: JobService) -> None:  # expect: blocking-call
    session: PromptSession = PromptSession("ops> ")
    while True:
        command = session.prompt()
        if command in ("quit", "exit"):
            return
        print(await service.run_command(command))


async def console(service: JobService) -> None:  # expect: clean  # near: blocking-call
    session: PromptSession = PromptSession("ops> ")
    with patch_stdout():
        while True:
            command = await session.prompt_async()
            if command in ("quit", "exit"):
                return
            print(await service.run_command(command))


def console_bindings(service: JobService) -> KeyBindings:  # expect: dangling-task
    kb = KeyBindings()

    @kb.add("c-r")
    def _(event) -> None:
        asyncio.ensure_future(service.reload())

    return kb


def console_bindings_app_tasks(service: JobService) -> KeyBindings:  # expect: clean  # near: dangling-task
    kb = KeyBindings()

    @kb.add("c-r")
    def _(event) -> None:
        event.app.create_background_task(service.reload())

    return kb


async def console_with_interrupts(service: JobService) -> None:  # expect: cancellation-swallowed
    session: PromptSession = PromptSession("ops> ")
    while True:
        command = await session.prompt_async()
        try:
            print(await service.run_command(command))
        except (KeyboardInterrupt, asyncio.CancelledError):
            print("interrupted")


async def console_with_timeouts(service: JobService) -> None:  # expect: clean  # near: cancellation-swallowed
    session: PromptSession = PromptSession("ops> ")
    while True:
        command = await session.prompt_async()
        try:
            async with asyncio.timeout(30):
                print(await service.run_command(command))
        except TimeoutError:
            print("command timed out")


class StatusTicker:  # expect: thread-unsafe-capture
    """Prints a status line every few seconds from a daemon thread; the shell awaits all_done to exit."""

    def __init__(self, service: JobService) -> None:
        self.service = service
        self.halt = threading.Event()
        self.all_done = asyncio.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self.halt.wait(5):
            summary = self.service.cached_summary()
            print(summary)
            if summary.pending == 0:
                self.all_done.set()
                return


class StatusTickerThreadEvent:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, service: JobService) -> None:
        self.service = service
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self.stop.wait(5):
            print(self.service.cached_summary())
