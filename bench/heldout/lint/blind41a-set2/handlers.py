"""Web framework handlers and tests (a fourth batch, written after the first was scored)."""
from __future__ import annotations

import asyncio
import multiprocessing
import pickle
import socket
import ssl
import threading
import uuid
from pathlib import Path

import aiofiles.os
import cv2
from celery import Celery
from fastapi import BackgroundTasks, Depends, FastAPI, Request, WebSocket
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

app = FastAPI()
celery_app = Celery("jobs")
STATS_LOCK = multiprocessing.Lock()


def get_db():  # expect: clean
    yield None


@celery_app.task
def render_report(report_id: int) -> str:  # expect: clean
    return str(report_id)


@app.get("/users/{uid}")
async def read_user(uid: int, db: Session = Depends(get_db)):  # expect: blocking-call
    return db.query("User").filter_by(id=uid).first()


@app.post("/reports/{rid}")
async def build_report(rid: int) -> str:  # expect: blocking-call
    return render_report.delay(rid).get(timeout=30)


@app.post("/reports-bg/{rid}")
async def build_report_bg(rid: int, tasks: BackgroundTasks) -> dict:  # expect: clean  # near: unawaited-coroutine
    tasks.add_task(notify_done, rid)
    return {"queued": rid}


async def notify_done(rid: int) -> None:  # expect: clean
    await asyncio.sleep(0)


@app.websocket("/ws")
async def ws_echo(websocket: WebSocket) -> None:  # expect: unawaited-coroutine
    websocket.accept()
    while True:
        data = await websocket.receive_text()
        await websocket.send_text(data)


@app.post("/ingest")
async def ingest(request: Request) -> dict:  # expect: unawaited-coroutine
    payload = request.json()
    return {"n": len(payload["items"])}


async def load_image(path: str):  # expect: blocking-call
    return cv2.imread(path)


async def load_model(path: str):  # expect: blocking-call
    return pickle.loads(Path(path).read_bytes())


async def tls_context(cafile: str) -> ssl.SSLContext:  # expect: blocking-call
    ctx = ssl.create_default_context()
    ctx.load_verify_locations(cafile)
    return ctx


async def request_id() -> str:  # expect: clean  # near: blocking-call
    return f"{socket.gethostname()}-{uuid.uuid4().hex}"


async def read_nonblocking(sock: socket.socket) -> bytes:  # expect: clean  # near: blocking-call
    loop = asyncio.get_running_loop()
    sock.setblocking(False)
    return await loop.sock_recv(sock, 4096)


async def record_stats(store, n: int) -> None:  # expect: lock-across-await
    with STATS_LOCK:
        await store.incr("requests", n)


class Tracker:  # expect: lock-across-await
    def __init__(self):
        self._lock = threading.Lock()

    async def track(self, send, event) -> None:
        if not self._lock.acquire(timeout=5):
            raise TimeoutError
        await send(event)
        self._lock.release()


async def chunks(lock: threading.Lock, source):  # expect: lock-across-await
    with lock:
        for item in source:
            yield item


async def cleanup(path: str) -> None:  # expect: unawaited-coroutine
    aiofiles.os.remove(path)


async def save(session: AsyncSession, obj) -> None:  # expect: unawaited-coroutine
    try:
        session.add(obj)
        await session.commit()
    finally:
        session.close()


def test_notify_sends():  # expect: unawaited-coroutine
    notify_done(1)


async def shutdown(writer: asyncio.StreamWriter) -> None:  # expect: unawaited-coroutine
    writer.close()
    writer.wait_closed()
