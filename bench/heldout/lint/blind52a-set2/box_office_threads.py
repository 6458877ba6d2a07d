"""Box-office terminals: a ticket printer driver, a card reader and the pricing engine run on threads."""
from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import threading

log = logging.getLogger("boxoffice")
PRICING = concurrent.futures.ThreadPoolExecutor(max_workers=2)
RENDER = concurrent.futures.ProcessPoolExecutor(max_workers=2)


class PrinterStatus:  # expect: thread-unsafe-capture
    def __init__(self, printer, jobs: list) -> None:
        self.printer = printer
        self.jobs = jobs
        self.done = asyncio.Event()

    def _print_one(self, job) -> None:
        self.printer.print_ticket(job)
        if job is self.jobs[-1]:
            self.done.set()

    async def print_all(self) -> None:
        PRICING.map(self._print_one, self.jobs)
        await self.done.wait()


class PrinterStatusSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, printer, jobs: list) -> None:
        self.printer = printer
        self.jobs = jobs

    def _print_all(self) -> int:
        for job in self.jobs:
            self.printer.print_ticket(job)
        return len(self.jobs)

    async def print_all(self) -> int:
        return await asyncio.get_running_loop().run_in_executor(PRICING, self._print_all)


async def render_tickets(layouts: list, render, ready: asyncio.Queue) -> None:  # expect: thread-unsafe-capture
    for layout in layouts:
        fut = RENDER.submit(render, layout)
        fut.add_done_callback(lambda f: ready.put_nowait(f.result()))
    await asyncio.sleep(0)


async def render_tickets_safe(layouts: list, render, ready: asyncio.Queue) -> None:  # expect: clean  # near: thread-unsafe-capture
    loop = asyncio.get_running_loop()
    for layout in layouts:
        fut = RENDER.submit(render, layout)
        fut.add_done_callback(lambda f: loop.call_soon_threadsafe(ready.put_nowait, f.result()))
    await asyncio.sleep(0)


class CardReader:  # expect: thread-unsafe-capture
    def __init__(self, device) -> None:
        self.device = device
        self.swipes: asyncio.Queue[str] = asyncio.Queue(maxsize=16)

    def _loop(self, loop: asyncio.AbstractEventLoop) -> None:
        while True:
            card = self.device.wait_for_swipe()
            loop.call_soon(self.swipes.put_nowait, card)

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        threading.Thread(target=self._loop, args=(loop,), daemon=True).start()


class CardReaderSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, device, loop: asyncio.AbstractEventLoop) -> None:
        self.device = device
        self.loop = loop
        self.swipes: asyncio.Queue[str] = asyncio.Queue(maxsize=16)

    def _loop(self) -> None:
        while True:
            card = self.device.wait_for_swipe()
            self.loop.call_soon_threadsafe(self.swipes.put_nowait, card)

    def start(self) -> None:
        threading.Thread(target=self._loop, daemon=True).start()


class Kiosk:  # expect: clean  # near: thread-unsafe-capture
    """Each kiosk thread runs an event loop of its own; its objects are that loop's."""

    def __init__(self, screens: list) -> None:
        self.screens = screens

    async def _serve(self, screen) -> None:
        touched = asyncio.Event()
        touched.set()
        await touched.wait()

    def start(self) -> None:
        for screen in self.screens:
            threading.Thread(target=asyncio.run, args=(self._serve(screen),), daemon=True).start()


class ShowStarter:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, loop: asyncio.AbstractEventLoop, open_doors) -> None:
        self.loop = loop
        self.open_doors = open_doors
        self.tasks: set[asyncio.Task] = set()

    def _on_timer(self, show: str) -> None:
        self.loop.call_soon_threadsafe(self._spawn, show)

    def _spawn(self, show: str) -> None:
        task = self.loop.create_task(self.open_doors(show))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    def schedule(self, show: str, delay: float) -> None:
        threading.Timer(delay, self._on_timer, args=(show,)).start()


class ShowStarterUnsafe:  # expect: thread-unsafe-capture
    def __init__(self, loop: asyncio.AbstractEventLoop, open_doors) -> None:
        self.loop = loop
        self.open_doors = open_doors
        self.tasks: set[asyncio.Task] = set()

    def _spawn(self, show: str) -> None:
        task = self.loop.create_task(self.open_doors(show))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    def schedule(self, show: str, delay: float) -> None:
        threading.Timer(delay, self._spawn, args=(show,)).start()


async def wait_for_drawer(drawer) -> None:  # expect: clean  # near: thread-unsafe-capture
    opened = threading.Event()
    drawer.on_open(opened.set)
    await asyncio.to_thread(opened.wait, 30)


async def price_all(items: list, price) -> list:  # expect: thread-unsafe-capture
    results: list = []
    finished = asyncio.Event()

    def work() -> None:
        for item in items:
            results.append(price(item))
        finished.set()

    PRICING.submit(work)
    await finished.wait()
    return results
