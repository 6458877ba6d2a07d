"""More thread-side callbacks of device and server libraries (post-read probe)."""
from __future__ import annotations

import asyncio
import concurrent.futures
import http.server
import signal

import sounddevice as sd
from apscheduler.schedulers.background import BackgroundScheduler
from pynput import keyboard


async def record(seconds: float) -> list:  # expect: thread-unsafe-capture
    frames: asyncio.Queue = asyncio.Queue(maxsize=100)

    def callback(indata, frame_count, time_info, status):
        frames.put_nowait(bytes(indata))

    with sd.InputStream(callback=callback):
        await asyncio.sleep(seconds)
    return [frames.get_nowait() for _ in range(frames.qsize())]


async def record_safe(seconds: float) -> list:  # expect: clean  # near: thread-unsafe-capture
    frames: asyncio.Queue = asyncio.Queue(maxsize=100)
    loop = asyncio.get_running_loop()

    def callback(indata, frame_count, time_info, status):
        loop.call_soon_threadsafe(frames.put_nowait, bytes(indata))

    with sd.InputStream(callback=callback):
        await asyncio.sleep(seconds)
    return [frames.get_nowait() for _ in range(frames.qsize())]


async def wait_for_escape() -> None:  # expect: thread-unsafe-capture
    pressed = asyncio.Event()

    def on_press(key):
        if key == keyboard.Key.esc:
            pressed.set()

    with keyboard.Listener(on_press=on_press):
        await pressed.wait()


class Reports:  # expect: thread-unsafe-capture
    def __init__(self, build):
        self.build = build
        self.loop = asyncio.get_event_loop()
        self.scheduler = BackgroundScheduler()
        self.scheduler.add_job(self._nightly, "cron", hour=2)

    def _nightly(self) -> None:
        self.loop.create_task(self.build())


class ReportsSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, build):
        self.build = build
        self.loop = asyncio.get_event_loop()
        self.scheduler = BackgroundScheduler()
        self.scheduler.add_job(self._nightly, "cron", hour=2)

    def _nightly(self) -> None:
        asyncio.run_coroutine_threadsafe(self.build(), self.loop).result()


def make_webhook_handler(inbox: asyncio.Queue):  # expect: thread-unsafe-capture
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            inbox.put_nowait(body)
            self.send_response(204)
            self.end_headers()

    return Handler


async def push_all(items, q: asyncio.Queue) -> None:  # expect: thread-unsafe-capture, blocking-call
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        for item in items:
            pool.submit(q.put_nowait, item)


def install_reload(queue: asyncio.Queue) -> None:  # expect: thread-unsafe-capture
    def on_hup(signum, frame):
        queue.put_nowait("reload")

    signal.signal(signal.SIGHUP, on_hup)
