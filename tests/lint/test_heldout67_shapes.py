"""Shapes of the flow rules found missing on a held-out set written in the shapes real code takes (heldout67):
a retry loop that counts its own rounds, a plain helper that hands back a coroutine, a coroutine tested through
a walrus, a task whose coroutine waits for the done callback's signal."""
from __future__ import annotations

from .helpers import check_marked, project_findings


def test_retry_loop_with_a_counter_of_its_own_reraises_only_on_its_last_round():
    # `retries += 1` in a `while True:` counts rounds as `for attempt in range(n)` does: `if retries >= 3: raise`
    # lets cancellation through only on the last one
    check_marked('''
        import asyncio

        async def upload(client, blob) -> None:
            retries = 0
            while True:
                try:
                    await client.upload(blob)
                    return
                except:  # ACK601
                    if retries >= 3:
                        raise
                    retries += 1

        async def upload_counting_down(client, blob) -> None:
            left = 3
            while True:
                try:
                    await client.upload(blob)
                    return
                except BaseException:  # ACK601
                    left -= 1
                    if left == 0:
                        raise

        async def upload_cancel_aware(client, blob) -> None:
            retries = 0
            while True:
                try:
                    await client.upload(blob)
                    return
                except BaseException as exc:
                    if isinstance(exc, asyncio.CancelledError) or retries >= 3:
                        raise
                    retries += 1

        async def upload_narrow(client, blob) -> None:
            retries = 0
            while True:
                try:
                    await client.upload(blob)
                    return
                except ConnectionError:
                    if retries >= 3:
                        raise
                    retries += 1

        async def counts_but_always_reraises(client, blob, stats) -> None:
            while True:
                try:
                    await client.upload(blob)
                    return
                except BaseException:
                    stats.failures += 1
                    raise
    ''', ["ACK601", "ACK602"])


def test_a_plain_helper_that_returns_a_coroutine_makes_one_when_called():
    check_marked('''
        import asyncio

        async def notify(x) -> None:
            await asyncio.sleep(0)

        def notify_soon(x):
            return notify(x)

        def notify_later(x):
            return notify_soon(x)

        def notify_maybe(x):
            if x:
                return notify(x)
            return None

        def schedule(x) -> asyncio.Task:
            return asyncio.ensure_future(notify(x))

        class Bot:
            async def _reply(self, chat: int, text: str) -> None:
                await asyncio.sleep(0)

            def reply_later(self, chat: int, text: str):
                return self._reply(chat, text)

            @property
            def greeting(self):
                return self._reply(0, "hi")

            async def on_message(self, chat: int) -> None:
                self.reply_later(chat, "pong")  # ACK301
                await self.reply_later(chat, "ok")
                coro = self.reply_later(chat, "later")
                await coro

        async def main() -> None:
            notify_soon(1)  # ACK301
            notify_later(2)  # ACK301
            notify_maybe(3)
            await asyncio.gather(notify_soon(4), notify_later(5))
            await schedule(6)
    ''', ["ACK301"])


def test_a_helper_returning_a_coroutine_is_one_for_the_other_modules_too(tmp_path):
    found = project_findings(tmp_path, {
        "app/__init__.py": "",
        "app/helpers.py": '''
            async def publish(bus, event) -> None:
                await bus.send(event)

            def publish_soon(bus, event):
                return publish(bus, event)
        ''',
        "app/orders.py": '''
            from .helpers import publish_soon

            async def place(bus, order) -> None:
                publish_soon(bus, order)

            async def place_ok(bus, order) -> None:
                await publish_soon(bus, order)
        ''',
    }, ["ACK301"])
    assert found == {("app/orders.py", 4, "ACK301")}


def test_a_coroutine_tested_through_a_walrus_is_used_as_its_result():
    check_marked('''
        async def fetch_doc(store, key: str):
            return await store.get(key)

        async def has_doc(store, key: str) -> bool:
            if (doc := fetch_doc(store, key)) is not None:  # ACK301
                return True
            return False

        async def first_doc(store, key: str):
            if (doc := fetch_doc(store, key)):  # ACK301
                return doc
            return None

        async def awaited_later(store, key: str):
            if (coro := fetch_doc(store, key)) is not None:
                return await coro
            return None

        async def awaited_in_the_walrus(store, key: str):
            while (doc := await fetch_doc(store, key)) is not None:
                key = doc
    ''', ["ACK301"])


def test_a_task_whose_done_callback_signals_what_the_coroutine_then_awaits_is_held_by_its_frame():
    # the local lives until the function returns, and it returns only after the callback has fired
    check_marked('''
        import asyncio

        async def waits_for_event(session) -> None:
            finished = asyncio.Event()
            task = asyncio.create_task(session.sync())
            task.add_done_callback(lambda _t: finished.set())
            await finished.wait()

        async def waits_for_future(session) -> None:
            fut = asyncio.get_running_loop().create_future()
            task = asyncio.create_task(session.sync())
            task.add_done_callback(fut.set_result)
            await fut

        async def signals_and_leaves(session, finished: asyncio.Event) -> None:
            task = asyncio.create_task(session.sync())  # ACK302
            task.add_done_callback(lambda _t: finished.set())

        async def waits_for_something_else(session, other: asyncio.Event) -> None:
            finished = asyncio.Event()
            task = asyncio.create_task(session.sync())  # ACK302
            task.add_done_callback(lambda _t: finished.set())
            await other.wait()

        async def logs_only(session, log) -> None:
            task = asyncio.create_task(session.sync())  # ACK302
            task.add_done_callback(lambda t: log.info("done %s", t))
            await asyncio.sleep(1)
    ''', ["ACK302"])


def test_tasks_stored_by_key_in_a_local_dict_that_is_only_counted_are_dropped():
    check_marked('''
        import asyncio

        async def keyed(jobs: dict, run, log) -> None:
            started = {}
            for key, job in jobs.items():
                started[key] = asyncio.create_task(run(job))  # ACK302
            log.info("started %d", len(started))

        async def keyed_gathered(jobs: dict, run) -> None:
            started = {}
            for key, job in jobs.items():
                started[key] = asyncio.create_task(run(job))
            await asyncio.gather(*started.values())

        async def keyed_returned(jobs: dict, run) -> dict:
            started = {}
            for key, job in jobs.items():
                started[key] = asyncio.create_task(run(job))
            return started

        async def into_parameter(jobs: dict, run, started: dict) -> None:
            for key, job in jobs.items():
                started[key] = asyncio.create_task(run(job))

        class Runner:
            def __init__(self) -> None:
                self.started: dict = {}

            async def start(self, jobs: dict, run) -> None:
                for key, job in jobs.items():
                    self.started[key] = asyncio.create_task(run(job))
    ''', ["ACK302"])
