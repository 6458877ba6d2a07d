"""A function run on a thread touches the loop's objects through unannotated parameters: the thread entry's own
(`Thread(target=f, args=(event,))`, `submit(f, fut)`, `run_in_executor(None, f, q)`), and those of the sync helpers
the thread's code calls with them (`worker(ev)` calling `helper(ev)`, a lambda target `lambda: resolve(fut, 1)`):
ACK401 from what the call that starts the thread hands over. The same functions handed a threading.Event, or
passing the call through call_soon_threadsafe, stay quiet."""
from __future__ import annotations

from .helpers import check_marked

CODES = ["ACK401", "ACK402"]


def test_entry_parameters():
    check_marked('''
        import asyncio
        import threading
        from concurrent.futures import ThreadPoolExecutor

        def worker(event):
            event.set()  # ACK401

        def feeder(q, item):
            q.put_nowait(item)  # ACK401

        def resolver(fut, value):
            fut.set_result(value)  # ACK401

        def by_keyword(*, done):
            done.set()  # ACK401

        async def main(pool: ThreadPoolExecutor, events: dict[str, asyncio.Event]) -> None:
            loop = asyncio.get_running_loop()
            event = asyncio.Event()
            q: asyncio.Queue = asyncio.Queue()
            fut = loop.create_future()
            threading.Thread(target=worker, args=[event]).start()
            pool.submit(resolver, fut, 1)
            await loop.run_in_executor(None, feeder, q, 1)
            threading.Thread(target=by_keyword, kwargs={"done": events["a"]}).start()
    ''', CODES)


def test_helpers_called_with_them():
    check_marked('''
        import asyncio
        import threading
        from concurrent.futures import ThreadPoolExecutor

        def finish(e):
            e.set()  # ACK401

        def worker(ev):
            finish(ev)

        def resolve(fut, value):
            fut.set_result(value)  # ACK401

        class Service:
            def __init__(self) -> None:
                self._stopped = asyncio.Event()
                self._pool = ThreadPoolExecutor()

            def _run(self, stopped):
                self._finish(stopped)

            def _finish(self, flag):
                flag.set()  # ACK401

            async def start(self) -> None:
                threading.Thread(target=self._run, args=(self._stopped,)).start()
                threading.Thread(target=worker, args=(self._stopped,)).start()
                fut = asyncio.get_running_loop().create_future()
                self._pool.submit(lambda: resolve(fut, 1))
                await fut
    ''', CODES)


def test_look_alikes():
    check_marked('''
        import asyncio
        import threading
        from concurrent.futures import ThreadPoolExecutor

        def finish(e):
            e.set()

        def worker(ev):
            finish(ev)

        def hand_over(ev, loop):
            loop.call_soon_threadsafe(ev.set)

        def relay(ev, loop):
            hand_over(ev, loop)

        def resolve(fut, value):
            fut.set_result(value)

        async def main(pool: ThreadPoolExecutor) -> None:
            loop = asyncio.get_running_loop()
            plain = threading.Event()
            threading.Thread(target=worker, args=(plain,)).start()
            threading.Thread(target=relay, args=(asyncio.Event(), loop)).start()
            cfut = pool.submit(sum, [1])
            pool.submit(lambda: resolve(cfut, 1))
            finish(asyncio.Event())
    ''', CODES)
