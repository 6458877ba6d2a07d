"""Shared fixtures and helpers of the gateway's test suite."""
from __future__ import annotations

import asyncio
import contextlib
import json
import threading

import asyncpg
import pytest
import pytest_asyncio


class FakeWebSocket:  # expect: clean  # near: unbounded-queue
    """Stands in for a websocket: tests push frames in and read what the code sent."""

    def __init__(self) -> None:
        self.incoming: asyncio.Queue[str] = asyncio.Queue()
        self.sent: asyncio.Queue[str] = asyncio.Queue()
        self.closed = False

    async def send(self, frame: str) -> None:
        await self.sent.put(frame)

    async def recv(self) -> str:
        return await self.incoming.get()

    def __aiter__(self):
        return self

    async def __anext__(self) -> str:
        frame = await self.incoming.get()
        if frame is None:
            raise StopAsyncIteration
        return frame


class FakeBroker:  # expect: clean
    def __init__(self) -> None:
        self.published: list[tuple[str, bytes]] = []
        self._stopped = asyncio.Event()

    async def run(self) -> None:
        await self._stopped.wait()

    def stop(self) -> None:
        self._stopped.set()


@pytest_asyncio.fixture
async def broker():  # expect: dangling-task
    fake = FakeBroker()
    asyncio.create_task(fake.run())
    yield fake
    fake.stop()


@pytest_asyncio.fixture
async def broker_joined():  # expect: clean  # near: dangling-task
    fake = FakeBroker()
    runner = asyncio.create_task(fake.run())
    yield fake
    fake.stop()
    await asyncio.wait_for(runner, 5)


@pytest_asyncio.fixture
async def server(unused_tcp_port, app):  # expect: clean  # near: cancellation-swallowed
    serving = asyncio.create_task(app.serve(port=unused_tcp_port))
    await app.started.wait()
    yield unused_tcp_port
    serving.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await serving


@pytest_asyncio.fixture
async def threaded_backend(fake_backend):  # expect: thread-unsafe-capture, blocking-call
    ready = asyncio.Event()

    def run() -> None:
        fake_backend.bind()
        ready.set()
        fake_backend.serve_forever()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    await ready.wait()
    yield fake_backend
    fake_backend.shutdown()
    thread.join()


@pytest_asyncio.fixture
async def threaded_backend_waited(fake_backend):  # expect: blocking-call  # near: thread-unsafe-capture
    ready = threading.Event()

    def run() -> None:
        fake_backend.bind()
        ready.set()
        fake_backend.serve_forever()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert await asyncio.to_thread(ready.wait, 5)
    yield fake_backend
    fake_backend.shutdown()
    thread.join()


@pytest_asyncio.fixture
async def db(pool: asyncpg.Pool):  # expect: unawaited-coroutine
    conn = await pool.acquire()
    tx = conn.transaction()
    await tx.start()
    yield conn
    await tx.rollback()
    pool.release(conn)


@pytest_asyncio.fixture
async def db_released(pool: asyncpg.Pool):  # expect: clean  # near: unawaited-coroutine
    conn = await pool.acquire()
    tx = conn.transaction()
    await tx.start()
    yield conn
    await tx.rollback()
    await pool.release(conn)


async def next_frame(ws: FakeWebSocket, timeout: float = 1.0) -> dict | None:  # expect: cancellation-swallowed
    try:
        return json.loads(await asyncio.wait_for(ws.sent.get(), timeout))
    except (asyncio.TimeoutError, asyncio.CancelledError):
        return None


async def next_frame_or_none(ws: FakeWebSocket, timeout: float = 1.0) -> dict | None:  # expect: clean  # near: cancellation-swallowed
    try:
        return json.loads(await asyncio.wait_for(ws.sent.get(), timeout))
    except asyncio.TimeoutError:
        return None


async def flood(ws: FakeWebSocket, n: int) -> None:  # expect: dangling-task
    started = [asyncio.create_task(ws.incoming.put(json.dumps({"seq": i}))) for i in range(n)]
    assert len(started) == n


async def flood_awaited(ws: FakeWebSocket, n: int) -> None:  # expect: clean  # near: dangling-task
    started = [asyncio.create_task(ws.incoming.put(json.dumps({"seq": i}))) for i in range(n)]
    await asyncio.gather(*started)


@pytest.fixture
def app_shutdown(request, app):  # expect: dangling-task
    request.addfinalizer(lambda: asyncio.ensure_future(app.shutdown()))
    return app


@pytest_asyncio.fixture
async def app_shutdown_awaited(app):  # expect: clean  # near: dangling-task
    yield app
    await app.shutdown()


@pytest.fixture
def event_loop_in_thread():  # expect: clean  # near: thread-unsafe-capture
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    yield loop
    loop.call_soon_threadsafe(loop.stop)
    thread.join()
    loop.close()


def submit_to_loop(loop: asyncio.AbstractEventLoop, coro):  # expect: clean  # near: thread-unsafe-capture
    return asyncio.run_coroutine_threadsafe(coro, loop).result(timeout=5)


@pytest.fixture
def background_app(app):  # expect: thread-unsafe-capture
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    serving = loop.create_task(app.serve(port=0))
    yield app
    loop.call_soon_threadsafe(serving.cancel)
    loop.call_soon_threadsafe(loop.stop)
    thread.join()
    loop.close()


@pytest_asyncio.fixture
async def recorder():  # expect: clean  # near: unbounded-queue
    frames: asyncio.Queue = asyncio.Queue()

    async def record(stream) -> None:
        async for frame in stream:
            await frames.put(frame)

    yield record, frames


async def drain(queue: asyncio.Queue) -> list:  # expect: clean
    items = []
    while not queue.empty():
        items.append(queue.get_nowait())
    return items


@pytest_asyncio.fixture
async def heartbeat(app):  # expect: cancellation-swallowed
    async def beat() -> None:
        while True:
            try:
                await app.ping()
                await asyncio.sleep(0.05)
            except BaseException:
                await asyncio.sleep(0.05)

    task = asyncio.create_task(beat())
    yield task
    task.cancel()
