"""A museum kiosk: an RFID reader on a serial port, a Tk touch screen, the exhibit server's live feed and a staff port."""
from __future__ import annotations

import asyncio
import json
import threading
import tkinter as tk
from http.server import BaseHTTPRequestHandler, HTTPServer

import serial
import serial.threaded
from websockets.sync.client import connect


class Visitors:  # expect: clean
    """Badges seen today; the greeter task waits for the next one."""

    def __init__(self) -> None:
        self.arrivals: asyncio.Queue[str] = asyncio.Queue(maxsize=50)
        self.seen: set[str] = set()

    async def next_badge(self) -> str:
        return await self.arrivals.get()


class BadgeReader(serial.threaded.LineReader):  # expect: thread-unsafe-capture
    def __init__(self, visitors: Visitors) -> None:
        super().__init__()
        self.visitors = visitors

    def handle_line(self, line: str) -> None:
        badge = line.strip()
        if badge and badge not in self.visitors.seen:
            self.visitors.seen.add(badge)
            self.visitors.arrivals.put_nowait(badge)


class BadgeReaderHandover(serial.threaded.LineReader):  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, visitors: Visitors, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__()
        self.visitors = visitors
        self.loop = loop

    def handle_line(self, line: str) -> None:
        self.loop.call_soon_threadsafe(self._arrive, line.strip())

    def _arrive(self, badge: str) -> None:
        if badge and badge not in self.visitors.seen:
            self.visitors.seen.add(badge)
            self.visitors.arrivals.put_nowait(badge)


def open_reader(port: str, visitors: Visitors, loop: asyncio.AbstractEventLoop) -> serial.threaded.ReaderThread:  # expect: clean
    reader = serial.threaded.ReaderThread(serial.Serial(port, 9600), lambda: BadgeReaderHandover(visitors, loop))
    reader.start()
    return reader


class IdleReset:  # expect: thread-unsafe-capture
    """Returns the screen to the welcome page after two idle minutes."""

    def __init__(self, welcome: asyncio.Event) -> None:
        self.welcome = welcome
        self.timer: threading.Timer | None = None

    def touched(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
        self.timer = threading.Timer(120, self.welcome.set)
        self.timer.start()


class Screen:  # expect: thread-unsafe-capture
    """The Tk touch screen on the main thread; the kiosk's loop runs on a helper thread."""

    def __init__(self, root: tk.Tk, loop: asyncio.AbstractEventLoop, requests: asyncio.Queue) -> None:
        self.loop = loop
        self.requests = requests
        tk.Button(root, text="Audio guide", command=self.audio_guide).pack()
        tk.Button(root, text="Map", command=lambda: self.loop.call_soon_threadsafe(self.requests.put_nowait, "map")).pack()
        threading.Thread(target=loop.run_forever, daemon=True).start()

    def audio_guide(self) -> None:
        self.requests.put_nowait("audio")


class ExhibitFeed:  # expect: clean  # near: thread-unsafe-capture
    """The exhibit server's announcements, read with the sync client in a worker thread and handed over line by line."""

    def __init__(self, url: str, announcements: asyncio.Queue) -> None:
        self.url = url
        self.announcements = announcements

    async def follow(self) -> None:
        loop = asyncio.get_running_loop()

        def read() -> None:
            with connect(self.url) as ws:
                for raw in ws:
                    asyncio.run_coroutine_threadsafe(self.announcements.put(json.loads(raw)), loop).result()

        await asyncio.to_thread(read)


class StaffHandler(BaseHTTPRequestHandler):  # expect: thread-unsafe-capture
    """`POST /reboot` from the staff tablet; the server runs on a thread of its own."""

    reboot: asyncio.Event

    def do_POST(self) -> None:
        if self.path == "/reboot":
            self.reboot.set()
        self.send_response(204)
        self.end_headers()


def serve_staff(port: int, reboot: asyncio.Event) -> HTTPServer:  # expect: clean
    handler = type("Handler", (StaffHandler,), {"reboot": reboot})
    server = HTTPServer(("0.0.0.0", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


async def greeter(visitors: Visitors, screen_text) -> None:  # expect: clean
    while True:
        badge = await visitors.next_badge()
        screen_text(f"Welcome back, {badge}!")
