"""ACK201, ACK301, ACK302, ACK401/402, ACK501, ACK502, ACK601/602: positives and look-alikes."""
from __future__ import annotations

import pytest

from .helpers import check_marked

CASES = {
    # -- ACK201 -------------------------------------------------------------------------------------------------
    "lock-with-across-await": ("ACK201", '''
        import threading
        from threading import Lock as TLock

        _registry_lock = threading.RLock()

        class Aggregator:
            def __init__(self):
                self._lock = threading.Lock()
                self._mu = TLock()

            async def flush(self, sink):
                with self._lock:  # ACK201
                    await sink.write(1)

            async def count(self, store):
                self._mu.acquire()  # ACK201
                try:
                    await store.save()
                finally:
                    self._mu.release()

        async def register(name, db):
            with _registry_lock:  # ACK201
                async for row in db.rows():
                    pass

        async def limited(sem: threading.Semaphore, client):
            with sem:  # ACK201
                return await client.upload()
    '''),
    "lock-released-before-await": ("ACK201", '''
        import asyncio
        import threading

        class Cache:
            def __init__(self):
                self._lock = threading.Lock()
                self._alock = asyncio.Lock()
                self._data = {}

            async def get(self, key, loader):
                with self._lock:
                    if key in self._data:
                        return self._data[key]
                value = await loader(key)
                with self._lock:
                    self._data[key] = value
                async with self._alock:
                    await loader(key)
                self._lock.acquire()
                self._data.clear()
                self._lock.release()
                await loader(key)
                return value

            async def later(self):
                with self._lock:
                    async def inner():
                        await asyncio.sleep(1)
                    return inner

        def sync_flush(lock: threading.Lock, sink):
            with lock:
                sink.write()
    '''),
    # -- ACK301 -------------------------------------------------------------------------------------------------
    "unawaited-calls": ("ACK301", '''
        import asyncio

        async def notify(user):
            await asyncio.sleep(0)

        async def on_signup(user):
            notify(user)  # ACK301
            asyncio.sleep(1)  # ACK301

        class Mailer:
            async def flush(self):
                await asyncio.sleep(0)

            async def send(self, msg):
                self.flush()  # ACK301

        async def chat(ws, writer):
            async for msg in ws:
                pending = notify(msg)  # ACK301
                writer.drain  # attribute access, no call
            loop = asyncio.get_running_loop()
            loop.sock_sendall(None, b"x")  # ACK301

        def sync_caller():
            notify(1)  # ACK301

        async def relay(host):
            reader, writer = await asyncio.open_connection(host, 80)
            writer.write(b"ping")
            writer.drain()  # ACK301
            await reader.readline()
    '''),
    "coroutine-used-as-its-result": ("ACK301", '''
        import asyncio

        async def fetch_json(session, url):
            async with session.get(url) as resp:
                return await resp.json()

        async def notify(user):
            await asyncio.sleep(0)

        class Gate:
            async def is_open(self):
                return True

            async def enter(self, visitor):
                if self.is_open():  # ACK301
                    await visitor.admit()
                while not self.is_open():  # ACK301
                    await asyncio.sleep(1)

        async def price(session, sku):
            data = fetch_json(session, sku)  # ACK301
            if data:
                return data["price"]
            return fetch_json(session, sku)["price"]  # ACK301

        async def notify_all(users):
            [notify(u) for u in users]  # ACK301
            (notify(u), notify(u))  # ACK301 ACK301

        def schedule(loop: asyncio.AbstractEventLoop, user):
            loop.call_soon(notify(user))  # ACK301
            loop.call_later(5, notify(user))  # ACK301
    '''),
    "coroutine-used-as-its-result-look-alikes": ("ACK301", '''
        import asyncio

        async def fetch_json(session, url):
            return {}

        def plain(x):
            return x

        async def ok(session, loop: asyncio.AbstractEventLoop, users, sku):
            coro = fetch_json(session, sku)
            if coro is not None:
                await coro
            pending = fetch_json(session, sku)
            pending.close()  # a coroutine's own API
            data = fetch_json(session, sku)
            data = await data
            print(data["price"])
            await asyncio.gather(*[fetch_json(session, u) for u in users])
            results = await asyncio.gather(*(fetch_json(session, u) for u in users))
            loop.call_soon(plain, 1)
            loop.call_later(1, plain(1))  # not a coroutine
            if plain(fetch_json):
                pass
            fut = asyncio.run_coroutine_threadsafe(fetch_json(session, sku), loop)
            return results, fut, [fetch_json(session, u) for u in users]
    '''),
    "async-database-drivers": ("ACK301", '''
        import aiosqlite
        import asyncpg

        async def save(path, dsn, row):
            db = await aiosqlite.connect(path)
            await db.execute("INSERT INTO t VALUES (?)", row)
            db.commit()  # ACK301
            await db.close()
            conn = await asyncpg.connect(dsn)
            conn.execute("DELETE FROM t")  # ACK301
            pool = await asyncpg.create_pool(dsn)
            async with pool.acquire() as c:
                await c.fetch("SELECT 1")
            pool.release(conn)  # ACK301
            await conn.close()
    '''),
    "through-super": ("ACK301", '''
        import asyncio

        class Base:
            async def close(self):
                await asyncio.sleep(0)

            def flush(self):
                pass

        class Child(Base):
            async def close(self):
                self.flush()
                super().flush()
                super().close()  # ACK301

            async def aclose(self):
                await super().close()

        class Other:
            async def close(self):
                super().close()  # object's close: unknown, not a coroutine function of ours
    '''),
    "coroutine-function-as-plain-callback": ("ACK301", '''
        import asyncio
        import functools
        import signal
        import threading

        async def shutdown():
            await asyncio.sleep(0)

        class Server:
            async def on_done(self, fut):
                await asyncio.sleep(0)

            async def _loop(self):
                await asyncio.sleep(0)

            def install(self, loop: asyncio.AbstractEventLoop, fut):
                loop.add_signal_handler(signal.SIGTERM, shutdown)  # ACK301
                fut.add_done_callback(self.on_done)  # ACK301
                threading.Thread(target=self._loop).start()  # ACK301
                loop.call_soon(functools.partial(self.on_done, fut))  # ACK301

            async def offload(self):
                await asyncio.to_thread(self._loop)  # ACK301
    '''),
    "coroutine-function-as-plain-callback-look-alikes": ("ACK301", '''
        import asyncio
        import signal
        import threading

        async def shutdown():
            await asyncio.sleep(0)

        def stop(loop):
            loop.stop()

        class Server:
            def __init__(self):
                self.tasks = set()

            def on_done(self, fut):
                self.tasks.discard(fut)

            def run(self):
                asyncio.run(shutdown())

            def install(self, loop: asyncio.AbstractEventLoop, fut, app):
                loop.add_signal_handler(signal.SIGTERM, stop, loop)
                loop.add_signal_handler(signal.SIGINT, lambda: self.tasks.add(asyncio.create_task(shutdown())))
                fut.add_done_callback(self.on_done)
                threading.Thread(target=self.run).start()
                app.on_shutdown(shutdown)  # a framework that awaits what it is given
                app.add_done_callback = shutdown
    '''),
    "what-a-decorator-makes-of-a-function": ("ACK301", '''
        import asyncio
        import functools

        def sync(f):
            @functools.wraps(f)
            def wrapper(*args):
                return asyncio.run(f(*args))
            return wrapper

        def logged(f):
            @functools.wraps(f)
            def wrapper(*args):
                print("calling", f)
                return f(*args)
            return wrapper

        def registered(f):
            REGISTRY.append(f)
            return f

        def retry(times):
            def decorate(f):
                @functools.wraps(f)
                async def wrapper(*args):
                    for _ in range(times):
                        return await f(*args)
                return wrapper
            return decorate

        def run_sync(timeout=None):
            def decorate(f):
                def wrapper(*args):
                    loop = asyncio.new_event_loop()
                    return loop.run_until_complete(asyncio.wait_for(f(*args), timeout))
                return wrapper
            return decorate

        def both(func=None, timeout=None):
            def wrap(f):
                def runner(*args):
                    result = f(*args)
                    return asyncio.get_event_loop().run_until_complete(result)
                return runner
            if func is not None:
                return wrap(func)
            return wrap

        @sync
        async def main():
            await asyncio.sleep(0)

        @run_sync(timeout=1)
        async def check():
            await asyncio.sleep(0)

        @both
        async def direct():
            await asyncio.sleep(0)

        @both(timeout=3)
        async def with_timeout():
            await asyncio.sleep(0)

        @logged
        async def noisy():
            await asyncio.sleep(0)

        @registered
        async def handler():
            await asyncio.sleep(0)

        @retry(3)
        async def flaky():
            await asyncio.sleep(0)

        @retry(3)
        def plain():
            pass

        @unknown_decorator
        async def mystery():
            await asyncio.sleep(0)

        class Tests:
            @sync
            async def test_it(self):
                await asyncio.sleep(0)

            def test_call(self):
                self.test_it()

        async def caller():
            main()
            check()
            direct()
            with_timeout()
            noisy()  # ACK301
            handler()  # ACK301
            flaky()  # ACK301
            plain()  # ACK301
            mystery()  # ACK301
    '''),
    "awaited-or-passed-on": ("ACK301", '''
        import asyncio
        import contextlib

        async def notify(user):
            await asyncio.sleep(0)

        async def stream(source):
            async for ev in source:
                yield ev

        @contextlib.asynccontextmanager
        async def session():
            yield 1

        class SyncMailer:
            def flush(self):
                pass

            async def send(self):
                self.flush()

        async def main(users):
            coro = notify(1)
            await coro
            await asyncio.gather(*(notify(u) for u in users))
            asyncio.run(notify(2))
            events = stream(users)
            async for _ in events:
                pass
            session()
            t = asyncio.create_task(notify(3))
            await t

        def deferred():
            return notify(4)
    '''),
    # -- ACK302 -------------------------------------------------------------------------------------------------
    "dangling-tasks": ("ACK302", '''
        import asyncio
        from asyncio import create_task as spawn

        async def deliver(room):
            await asyncio.sleep(0)

        async def post(room, loop: asyncio.AbstractEventLoop):
            asyncio.create_task(deliver(room))  # ACK302
            spawn(deliver(room))  # ACK302
            asyncio.ensure_future(deliver(room))  # ACK302
            loop.create_task(deliver(room))  # ACK302
            janitor = asyncio.create_task(deliver(room))  # ACK302
            _ = asyncio.create_task(deliver(room))  # ACK302

        class Cache:
            def __init__(self):
                asyncio.get_event_loop().create_task(self._warm())  # ACK302

            async def _warm(self):
                pass
    '''),
    "kept-tasks": ("ACK302", '''
        import asyncio

        _background = set()

        async def deliver(room):
            await asyncio.sleep(0)

        async def post(room, rooms):
            task = asyncio.create_task(deliver(room))
            _background.add(task)
            task.add_done_callback(_background.discard)
            async with asyncio.TaskGroup() as tg:
                for r in rooms:
                    tg.create_task(deliver(r))
            self_tasks = [asyncio.create_task(deliver(r)) for r in rooms]
            await asyncio.gather(*self_tasks)
            await asyncio.create_task(deliver(room))
            return asyncio.ensure_future(deliver(room))

        class Worker:
            def start(self):
                self._task = asyncio.create_task(deliver(1))
    '''),
    # -- ACK401 / ACK402 ----------------------------------------------------------------------------------------
    "loop-objects-in-threads": ("ACK401 ACK402", '''
        import asyncio
        import signal
        import threading
        from concurrent.futures import ThreadPoolExecutor

        class Gateway:
            def __init__(self, port):
                self.lines = asyncio.Queue(maxsize=10)
                self._thread = threading.Thread(target=self._read, daemon=True)

            def _read(self):
                self.lines.put_nowait(1)  # ACK401

        async def wait_button(device):
            pressed = asyncio.Event()
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(None, lambda: (device.block(), pressed.set()))  # ACK401

        def install(stop: asyncio.Event):
            def handler(signum, frame):
                stop.set()  # ACK401
            signal.signal(signal.SIGTERM, handler)

        def pump(loop, items, handle):
            def run():
                for item in items:
                    loop.call_soon(handle, item)  # ACK402
                    asyncio.create_task(handle(item))  # ACK402
            threading.Thread(target=run).start()

        async def submit(q: asyncio.Queue, fut: asyncio.Future):
            with ThreadPoolExecutor() as pool:
                pool.submit(q.put_nowait, 1)  # ACK401
            threading.Thread(target=fut.set_result, args=(1,)).start()  # ACK401
    '''),
    "threadsafe-handoffs": ("ACK401 ACK402", '''
        import asyncio
        import signal
        import threading

        class SafeGateway:
            def __init__(self):
                self.lines = asyncio.Queue(maxsize=10)
                self._loop = None

            def _read(self):
                self._loop.call_soon_threadsafe(self.lines.put_nowait, 1)

            async def start(self):
                self._loop = asyncio.get_running_loop()
                threading.Thread(target=self._read).start()

        async def wait_button(device):
            pressed = asyncio.Event()
            loop = asyncio.get_running_loop()

            def block():
                device.block()
                loop.call_soon_threadsafe(pressed.set)

            await loop.run_in_executor(None, block)
            asyncio.run_coroutine_threadsafe(pressed.wait(), loop)

        def install(loop, stop: asyncio.Event):
            loop.add_signal_handler(signal.SIGTERM, stop.set)

        async def on_loop(q: asyncio.Queue):
            q.put_nowait(1)
            asyncio.get_running_loop().call_soon(print)

        def plain_thread(q):
            def work():
                q.put_nowait(1)
            threading.Thread(target=work).start()
    '''),
    "thread-runs-its-own-loop": ("ACK401 ACK402", '''
        import asyncio
        import threading

        def start_loop_in_thread(loop: asyncio.AbstractEventLoop, callback, *args):
            asyncio.set_event_loop(loop)
            loop.call_soon(callback, loop, *args)
            try:
                loop.run_forever()
            finally:
                loop.run_until_complete(loop.shutdown_asyncgens())

        class Health:
            def start(self):
                self._loop = asyncio.new_event_loop()
                self._ready = threading.Event()
                threading.Thread(target=self._run, daemon=True).start()
                threading.Thread(target=start_loop_in_thread, args=(asyncio.new_event_loop(), print)).start()

            def _run(self):
                asyncio.set_event_loop(self._loop)
                self._loop.call_soon(self._ready.set)
                self._loop.run_forever()

        def runner_thread(main):
            with asyncio.Runner() as runner:
                loop = runner.get_loop()
                loop.call_later(1, print)
                runner.run(main())

        def fresh_loop_thread(main):
            loop = asyncio.new_event_loop()
            loop.call_soon(print)
            loop.run_until_complete(main())

        def spawn(main):
            threading.Thread(target=runner_thread, args=(main,)).start()
            threading.Thread(target=fresh_loop_thread, args=(main,)).start()
    '''),
    "thread-runs-a-loop-but-touches-another": ("ACK401 ACK402", '''
        import asyncio
        import threading

        class Bridge:
            def __init__(self, main_loop):
                self._main_loop = main_loop
                self._own = asyncio.new_event_loop()
                threading.Thread(target=self._run).start()

            def _run(self):
                self._main_loop.call_soon(print)  # ACK402
                self._own.call_soon(print)
                self._own.run_forever()
    '''),
    # -- ACK501 -------------------------------------------------------------------------------------------------
    "unbounded-queues": ("ACK501", '''
        import asyncio
        from asyncio import PriorityQueue as PQ

        OUTBOX = asyncio.Queue()  # ACK501

        class Shipper:
            def __init__(self):
                self.outbox: asyncio.Queue[bytes] = asyncio.Queue()  # ACK501
                self.retry = asyncio.LifoQueue(maxsize=0)  # ACK501

        async def make():
            return PQ()  # ACK501

        class Calls:  # each caller waits for its own reply: that paces the caller, not how many queue at once
            def __init__(self):
                self._requests = asyncio.Queue()  # ACK501

            async def call(self, request):
                done = asyncio.get_running_loop().create_future()
                self._requests.put_nowait((request, done))
                return await done

            async def serve(self, handle):
                while True:
                    request, done = await self._requests.get()
                    done.set_result(await handle(request))
    '''),
    "open-ended-producers": ("ACK501", '''
        import asyncio

        INBOX = asyncio.Queue()  # ACK501

        async def pump_socket(ws):
            async for msg in ws:
                INBOX.put_nowait(msg)

        class Reader(asyncio.Protocol):
            def __init__(self):
                self._chunks = asyncio.Queue()  # ACK501

            def data_received(self, data):
                self._chunks.put_nowait(data)

        class Parser(asyncio.Protocol):
            def __init__(self):
                self._events = asyncio.Queue()  # ACK501

            def data_received(self, data):
                for event in self._parse(data):
                    self._dispatch(event)

            def _dispatch(self, event):
                if event:
                    self._emit(event)

            def _emit(self, event):
                self._events.put_nowait({"type": "message", "data": event})

        class Outbox:
            def __init__(self):
                self._pending = asyncio.Queue()  # ACK501

            def send(self, message):
                self._pending.put_nowait(message)

        async def relay(reader):
            lines = asyncio.Queue()  # ACK501
            task = asyncio.create_task(read_lines(reader, lines))
            return await consume(lines), task

        async def read_lines(reader, sink):
            while True:
                await sink.put(await reader.readline())

        async def consume(source):
            return await source.get()

        async def crawler(start, fetch_links):
            todo = asyncio.Queue()  # ACK501
            todo.put_nowait(start)
            while True:
                url = await todo.get()
                for link in await fetch_links(url):
                    todo.put_nowait(link)

        def subscribe(bus):
            received = asyncio.Queue()  # ACK501
            bus.on("message", received.put_nowait)
            return received.get

        class Stream:
            def __init__(self, xmpp):
                self._blocks = asyncio.Queue()  # ACK501
                self._per_peer = {}

            def _recv_data(self, stanza):
                data = stanza.payload
                self._blocks.put_nowait(data)

            def _log(self, frame):
                self._blocks.put_nowait(frame)
                print(", ".join(frame.parts))

            def _on_frame(self, peer, frame):
                self._log(frame)
                if peer not in self._per_peer:
                    self._per_peer[peer] = asyncio.Queue()  # ACK501
                self._per_peer[peer].put_nowait(frame)
    '''),
    "bounded-by-the-code": ("ACK501", '''
        import asyncio

        class Lifespan:
            def __init__(self):
                self.receive_queue = asyncio.Queue()

            async def startup(self):
                await self.receive_queue.put({"type": "lifespan.startup"})

            async def shutdown(self):
                await self.receive_queue.put({"type": "lifespan.shutdown"})

            async def receive(self):
                return await self.receive_queue.get()

        class Pool:
            def __init__(self, size, connect):
                self._free = asyncio.Queue()
                for _ in range(size):
                    self._free.put_nowait(connect())

            async def acquire(self):
                return await self._free.get()

            def release(self, conn):
                self._free.put_nowait(conn)

        class PausingReader(asyncio.Protocol):
            def __init__(self):
                self._chunks = asyncio.Queue()

            def connection_made(self, transport):
                self._transport = transport

            def data_received(self, data):
                self._chunks.put_nowait(data)
                self._transport.pause_reading()

            async def read(self):
                data = await self._chunks.get()
                if self._chunks.empty():
                    self._transport.resume_reading()
                return data

        class Requests:  # each caller waits its turn for a slot before it queues a request
            def __init__(self):
                self._requests = asyncio.Queue()
                self._slots = asyncio.Semaphore(16)

            async def call(self, request):
                async with self._slots:
                    done = asyncio.get_running_loop().create_future()
                    self._requests.put_nowait((request, done))
                    return await done

        class Capped:
            def __init__(self, max_buffer):
                self._chunks = asyncio.Queue()
                self._buffered = 0
                self._max_buffer = max_buffer

            def feed(self, data):
                if self._buffered + len(data) > self._max_buffer:
                    raise BufferError("reader is too slow")
                self._buffered += len(data)
                self._chunks.put_nowait(data)

        class Dropping:
            def __init__(self):
                self._events = asyncio.Queue()

            def on_event(self, event):
                if self._events.qsize() >= 1000:
                    return
                self._events.put_nowait(event)

        async def crawl(urls, fetch, n=8):
            todo = asyncio.Queue()
            for url in urls:
                todo.put_nowait(url)
            workers = [asyncio.create_task(fetch(todo)) for _ in range(n)]
            await todo.join()
            return workers

        class Session:
            def __init__(self):
                self._control = asyncio.Queue()
                self._shards = {}

            def on_connect(self, info):
                self._control.put_nowait(("connected", info))

            def _closing(self, reason):
                self._control.put_nowait(("closed", reason))

            def close(self):
                self._closing("bye")

            def add_shard(self, shard_id):
                self._shards[shard_id] = asyncio.Queue()
                self._shards[shard_id].put_nowait("hello")

        class Tree:
            def __init__(self):
                self._load_queue = asyncio.Queue()

            def _add_to_load_queue(self, node):
                self._load_queue.put_nowait(node)
                return self._load_queue.join()

            async def _on_node_expanded(self, event):
                await self._add_to_load_queue(event.node)

        class ReadyState:
            def __init__(self):
                self._ready = asyncio.Queue()

            def _add_ready(self, guild):
                self._ready.put_nowait(guild)

            def parse_ready(self, data):
                for guild in data["guilds"]:
                    self._add_ready(guild)

        class ShardedReadyState(ReadyState[int]):
            def __init__(self):
                self._ready = asyncio.Queue()

            def _add_ready(self, guild):
                self._ready.put_nowait(guild)

        async def stream(response, listen):
            to_write = asyncio.Queue()
            listen(lambda event: None)
            await to_write.put("ping")
            while True:
                try:
                    payload = await asyncio.wait_for(to_write.get(), 30)
                except TimeoutError:
                    await to_write.put("ping")
                    continue
                await response.write(payload)

        async def retrying(handle):
            jobs = asyncio.Queue()
            while True:
                job = await jobs.get()
                if not await handle(job):
                    jobs.put_nowait(job)

        async def sentinel(reader):
            done = asyncio.Queue()
            asyncio.get_running_loop().call_soon(done.put_nowait, None)
            await done.get()
    '''),
    "bounded-or-not-asyncio": ("ACK501", '''
        import asyncio
        import queue
        import multiprocessing

        class BoundedQ(asyncio.Queue):
            def __init__(self):
                super().__init__(maxsize=128)

        def buffers(capacity, **kw):
            a = asyncio.Queue(capacity)
            b = asyncio.Queue(maxsize=100)
            c = queue.Queue()
            d = multiprocessing.Queue()
            e = asyncio.Queue(**kw)
            return a, b, c, d, e
    '''),
    # -- ACK502 -------------------------------------------------------------------------------------------------
    "unbounded-spawns": ("ACK502", '''
        import asyncio

        class TcpIngest:
            async def serve(self, listener):
                while True:
                    conn = await listener.accept()
                    t = asyncio.create_task(self.handle(conn))  # ACK502
                    self.conns.add(t)

        async def consume(sub, process):
            inflight = set()
            async for msg in sub:
                task = asyncio.create_task(process(msg))  # ACK502
                inflight.add(task)
    '''),
    "bounded-spawns": ("ACK502", '''
        import asyncio

        class Bounded:
            async def serve(self, listener):
                while True:
                    await self._sem.acquire()
                    conn = await listener.accept()
                    t = asyncio.create_task(self.handle(conn))
                    self.conns.add(t)

        async def pool(jobs, run, n=8):
            workers = [asyncio.create_task(run(jobs)) for _ in range(n)]
            for i in range(n):
                workers.append(asyncio.create_task(run(jobs)))
            await asyncio.gather(*workers)

        async def capped(sub, process, inflight):
            async for msg in sub:
                if len(inflight) >= 100:
                    await asyncio.wait(inflight, return_when=asyncio.FIRST_COMPLETED)
                inflight.add(asyncio.create_task(process(msg)))
    '''),
    "spawns-one-at-a-time": ("ACK502", '''
        import asyncio

        async def one_by_one(sub, process):
            async for msg in sub:
                t = asyncio.create_task(process(msg))
                await asyncio.sleep(0)
                await t

        async def first_match(sub, process, log):
            while True:
                msg = await sub.get()
                if msg.final:
                    task = asyncio.create_task(process(msg))
                    log.info("last one")
                    break
                if msg.urgent:
                    asyncio.create_task(process(msg)); break

        async def hand_off(sub, process):
            while True:
                msg = await sub.get()
                if msg:
                    return asyncio.create_task(process(msg))

        async def fill_window(self, start):
            while self.left and len(self.pending) < self.max_requests:
                task = asyncio.ensure_future(start(self.offset))
                self.pending.add(task)

        async def batch(sub, process):
            async for msg in sub:
                pending = [asyncio.create_task(process(m)) for m in msg.parts]
                await asyncio.gather(*pending)
    '''),
    "spawns-that-outlive-the-iteration": ("ACK502", '''
        import asyncio

        async def awaited_elsewhere(sub, process, other):
            async for msg in sub:
                t = asyncio.create_task(process(msg))  # ACK502
                await other

        async def break_only_sometimes(sub, process):
            while True:
                msg = await sub.get()
                if msg.urgent:
                    asyncio.create_task(process(msg))  # ACK502
                if msg.final:
                    break

        async def awaited_later(sub, process):
            tasks = []
            async for msg in sub:
                tasks.append(asyncio.create_task(process(msg)))  # ACK502
            await asyncio.gather(*tasks)
    '''),
    # -- ACK601 -------------------------------------------------------------------------------------------------
    "swallowed-cancellation": ("ACK601 ACK602", '''
        import asyncio
        import contextlib
        from asyncio import CancelledError

        async def consume(queue, handle, log):
            while True:
                job = await queue.get()
                try:
                    await handle(job)
                except asyncio.CancelledError:  # ACK601
                    log.warning("interrupted")
                try:
                    await handle(job)
                except:  # ACK601
                    return None
                try:
                    await handle(job)
                except (ValueError, BaseException) as exc:  # ACK601
                    log.exception("failed", exc)
                try:
                    await handle(job)
                except CancelledError:  # ACK601
                    continue

        async def quiet(op):
            with contextlib.suppress(asyncio.CancelledError):  # ACK602
                await op()
    '''),
    "cancellation-respected": ("ACK601 ACK602", '''
        import asyncio
        import contextlib

        async def consume(queue, handle, log):
            try:
                await handle(1)
            except asyncio.CancelledError:
                log.warning("requeue")
                raise
            try:
                await handle(1)
            except Exception:
                log.exception("x")
            try:
                await asyncio.wait_for(handle(1), 1)
            except asyncio.TimeoutError:
                return None
            try:
                handle(1)
            except BaseException:
                pass
            try:
                await handle(1)
            except BaseException as exc:
                fut.set_exception(exc)

        async def stop(task):
            task.cancel()
            try:
                await task
            except asyncio.CancelledError:
                pass
            with contextlib.suppress(asyncio.CancelledError):
                await task

        async def deferred(lock):
            cancelled = False
            while True:
                try:
                    await lock.acquire()
                    break
                except asyncio.CancelledError:
                    cancelled = True
            if cancelled:
                raise asyncio.CancelledError

        def sync(handle):
            try:
                handle()
            except BaseException:
                pass
    '''),
}


@pytest.mark.parametrize("name", CASES)
def test_examples(name):
    codes, source = CASES[name]
    check_marked(source, codes.split())
