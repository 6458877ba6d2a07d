"""Shapes found wrong or overclaimed on real async libraries (realcode32): each beside the real anti-pattern of
its kind, which is still reported as before."""
from __future__ import annotations

import textwrap
from typing import Dict, Set

from asynccheck.lint import lint_source

from .helpers import ALL, check_marked


def _messages(source: str, code: str) -> Dict[int, str]:
    report = lint_source(textwrap.dedent(source), "example.py", ALL)
    assert not report.errors, report.errors
    return {f.line: f.message for f in report.findings if f.code == code}


def _tagged(source: str, word: str) -> Set[int]:
    """The lines of the (dedented) snippet whose marker comment goes on with ``word``."""
    return {number for number, line in enumerate(textwrap.dedent(source).splitlines(), 1)
            if line.rstrip().endswith(f"# ACK302 {word}")}


_UNSEEN = "no code of yours retrieves its exception"
_CAUGHT = "catches its own errors"


def test_a_dropped_task_whose_coroutine_catches_every_error_is_reported_for_the_lost_reference_only():
    # A push updater fires `ensure_future(self.refresh())` and drops the task; `refresh()` wraps its work in one
    # `try` whose `except Exception:` logs, so the task never ends with an exception: the finding stands (the
    # loop holds tasks weakly) but must not say an exception goes unretrieved. The same through an instance of
    # the class, a wrapper made in `__init__` and kept in an attribute, and a local routine. A coroutine that
    # catches only some errors, re-raises, runs code outside its `try`, or catches a project class that merely
    # is named `Exception` can still fail unseen: the full text
    source = '''
        import asyncio
        import logging

        log = logging.getLogger(__name__)


        class Updater:
            def start(self):
                asyncio.ensure_future(self.refresh())  # ACK302 caught

            def start_narrow(self):
                asyncio.ensure_future(self.refresh_narrow())  # ACK302 unseen

            def start_reraising(self):
                asyncio.ensure_future(self.refresh_reraising())  # ACK302 unseen

            def start_then_posts(self):
                asyncio.ensure_future(self.refresh_then_post())  # ACK302 unseen

            async def refresh(self):
                """Fetch and post."""
                try:
                    self.post(await self.fetch())
                except asyncio.CancelledError:
                    pass
                except Exception as exc:
                    log.debug("refresh failed: %s", exc)

            async def refresh_narrow(self):
                try:
                    self.post(await self.fetch())
                except (ValueError, OSError) as exc:
                    log.debug("refresh failed: %s", exc)

            async def refresh_reraising(self):
                try:
                    self.post(await self.fetch())
                except Exception:
                    log.exception("refresh failed")
                    raise

            async def refresh_then_post(self):
                try:
                    data = await self.fetch()
                except BaseException:
                    data = None
                self.post(data)


        def trigger(updater: Updater):
            asyncio.ensure_future(updater.refresh())  # ACK302 caught


        class Handler:
            def __init__(self, func):
                async def wrapper(item):
                    try:
                        await func(item)
                    except Exception as e:
                        item.exception(e)
                self._func = wrapper

            def run(self, item):
                asyncio.ensure_future(self._func(item))  # ACK302 caught


        def fire(handlers, data):
            for handler in handlers:
                async def routine(callback):
                    try:
                        await callback(data)
                    except:
                        log.exception("handler failed")
                asyncio.ensure_future(routine(handler))  # ACK302 caught
    '''
    check_marked(source, ["ACK302"])
    messages = _messages(source, "ACK302")
    caught = {line for line, text in messages.items() if _CAUGHT in text}
    unseen = {line for line, text in messages.items() if _UNSEEN in text}
    assert caught == _tagged(source, "caught") and unseen == _tagged(source, "unseen"), messages
    assert all("garbage-collected" in text for text in messages.values())


def test_a_project_class_named_exception_is_no_catch_all():
    source = '''
        import asyncio


        class Exception(Warning):
            pass


        async def refresh(source):
            try:
                await source.fetch()
            except Exception:
                pass


        def start(source):
            asyncio.ensure_future(refresh(source))  # ACK302 unseen
    '''
    check_marked(source, ["ACK302"])
    messages = _messages(source, "ACK302")
    assert {line for line, text in messages.items() if _UNSEEN in text} == _tagged(source, "unseen"), messages


def test_a_prefetcher_that_takes_a_semaphore_slot_per_item_which_the_consumer_gives_back_is_bounded():
    # A receiver's prefetcher waits for a slot of a semaphore before each put and the runner releases it when it
    # is done with the item: no more items are queued than there are slots. The queue is local, handed to both
    # sides through a task group's `start_soon(fn, queue)`, which calls them once each. The slot may be taken in
    # a helper, raced against a stop event (`create_task(self._slots.acquire())` and `asyncio.wait`). Without a
    # slot, with the slot given back in the producer's own round (a critical section), with `async with` around
    # the put (given back at once), or with a project class that is merely named `Semaphore`: reported
    check_marked('''
        import asyncio

        import anyio


        class Semaphore:
            def __init__(self, value):
                self.value = value

            async def acquire(self):
                self.value -= 1

            def release(self):
                self.value += 1


        class Receiver:
            def __init__(self, source, prefetch):
                self.source = source
                self.slots = asyncio.Semaphore(prefetch)
                self.lock = asyncio.Semaphore(1)
                self.named = Semaphore(prefetch)

            async def listen(self, stop):
                queue = asyncio.Queue()
                async with anyio.create_task_group() as tg:
                    tg.start_soon(self.prefetch, queue)
                    tg.start_soon(self.run, queue)

            async def listen_raced(self, stop):
                queue = asyncio.Queue()
                async with anyio.create_task_group() as tg:
                    tg.start_soon(self.prefetch_raced, queue, stop)
                    tg.start_soon(self.run, queue)

            async def listen_unslotted(self):
                queue = asyncio.Queue()  # ACK501
                async with anyio.create_task_group() as tg:
                    tg.start_soon(self.prefetch_unslotted, queue)
                    tg.start_soon(self.run, queue)

            async def listen_critical(self):
                queue = asyncio.Queue()  # ACK501
                async with anyio.create_task_group() as tg:
                    tg.start_soon(self.prefetch_critical, queue)
                    tg.start_soon(self.run, queue)

            async def listen_scoped(self):
                queue = asyncio.Queue()  # ACK501
                async with anyio.create_task_group() as tg:
                    tg.start_soon(self.prefetch_scoped, queue)
                    tg.start_soon(self.run, queue)

            async def listen_named(self):
                queue = asyncio.Queue()  # ACK501
                async with anyio.create_task_group() as tg:
                    tg.start_soon(self.prefetch_named, queue)
                    tg.start_soon(self.run, queue)

            async def prefetch(self, queue):
                while True:
                    await self.slots.acquire()
                    queue.put_nowait(await self.source.next())

            async def prefetch_raced(self, queue, stop):
                while not stop.is_set():
                    message = await self._next(stop)
                    if message is None:
                        continue
                    queue.put_nowait(message)

            async def _next(self, stop):
                if not await self._take_slot(stop):
                    return None
                return await self.source.next()

            async def _take_slot(self, stop):
                taking = asyncio.create_task(self.slots.acquire())
                stopping = asyncio.create_task(stop.wait())
                await asyncio.wait({taking, stopping}, return_when=asyncio.FIRST_COMPLETED)
                return taking.done()

            async def prefetch_unslotted(self, queue):
                while True:
                    queue.put_nowait(await self.source.next())

            async def prefetch_critical(self, queue):
                while True:
                    await self.lock.acquire()
                    queue.put_nowait(await self.source.next())
                    self.lock.release()

            async def prefetch_scoped(self, queue):
                while True:
                    async with self.slots:
                        queue.put_nowait(await self.source.next())

            async def prefetch_named(self, queue):
                while True:
                    await self.named.acquire()
                    queue.put_nowait(await self.source.next())

            async def run(self, queue):
                while True:
                    item = await queue.get()
                    try:
                        await item.process()
                    finally:
                        self.slots.release()
                        self.named.release()
    ''', ["ACK501"])


def test_a_queue_handed_with_its_filler_to_a_task_group_is_judged_by_that_filler():
    # `tg.start_soon(self.fill, queue)` calls `fill(queue)` once: the queue is not handed to code nobody can
    # see, and a filler that puts once at its end (a late item on the way out) is no open-ended producer; one
    # that puts each item of a stream it reads is, and the finding names its loop (as for `await fill(queue)`)
    source = '''
        import asyncio

        import anyio


        class Pump:
            async def serve(self, stream):
                queue = asyncio.Queue()
                async with anyio.create_task_group() as tg:
                    tg.start_soon(self.fill_last, queue, stream)
                    tg.start_soon(self.drain, queue)

            async def serve_all(self, stream):
                queue = asyncio.Queue()  # ACK501
                async with anyio.create_task_group() as tg:
                    tg.start_soon(self.fill_all, queue, stream)
                    tg.start_soon(self.drain, queue)

            async def fill_last(self, queue, stream):
                try:
                    await stream.wait_closed()
                finally:
                    await self._leave(queue, stream)

            async def _leave(self, queue, stream):
                last = await stream.leftover()
                if last is not None:
                    queue.put_nowait(last)

            async def fill_all(self, queue, stream):
                async for item in stream:
                    queue.put_nowait(item)

            async def drain(self, queue):
                while True:
                    await (await queue.get()).handle()
    '''
    check_marked(source, ["ACK501"])
    messages = _messages(source, "ACK501")
    assert len(messages) == 1 and all("fills it in a loop" in text for text in messages.values()), messages


def test_a_queue_made_by_a_cached_property_is_the_instance_attribute_its_methods_fill():
    # `@cached_property def _jobs(self): return asyncio.Queue()`: every read of `self._jobs` is the one queue the
    # first read made, so its producers are the class's puts into `self._jobs`: refilled by a batch only when a
    # reader finds it empty, it is bounded by the batch (quiet, where it used to be reported as handed out with
    # nobody here filling it); filled from a stream, it is reported at the queue, naming that producer. A plain
    # method or `@property` hands out a new queue at each call, whose producers are out of sight: reported
    source = '''
        import asyncio
        from functools import cached_property


        class Store:
            def __init__(self, db):
                self.db = db

            @cached_property
            def _jobs(self) -> asyncio.Queue:
                return asyncio.Queue()

            @cached_property
            def _events(self) -> asyncio.Queue:
                return asyncio.Queue()  # ACK501

            @property
            def fresh(self) -> asyncio.Queue:
                return asyncio.Queue()  # ACK501

            def channel(self) -> asyncio.Queue:
                return asyncio.Queue()  # ACK501

            async def dequeue(self):
                if self._jobs.empty():
                    await self._fetch()
                return await self._jobs.get()

            async def _fetch(self):
                for row in await self.db.fetch_batch():
                    self._jobs.put_nowait(row)

            async def follow(self, stream):
                async for event in stream:
                    self._events.put_nowait(event)

            async def next_event(self):
                return await self._events.get()
    '''
    check_marked(source, ["ACK501"])
    messages = _messages(source, "ACK501")
    assert "self._events.put_nowait(event)" in messages[16], messages


def test_a_batch_refilled_by_a_poll_loop_that_leaves_once_the_queue_holds_something_is_bounded():
    # The refill runs in a poll loop whose round, after it, leaves as soon as the queue holds something
    # (`if not q.empty(): return q.get_nowait()`, or `break`): the loop goes round, and refills, only while the
    # queue is empty, as under `if q.empty():`. A round that goes on whatever the queue holds (it only logs),
    # or a check of another queue, refills a full queue: reported
    check_marked('''
        import asyncio
        import logging

        log = logging.getLogger(__name__)


        class Poller:
            def __init__(self, db, listener):
                self.db = db
                self.listener = listener
                self.jobs = asyncio.Queue()
                self._other = asyncio.Queue()

            async def take(self, interval):
                if self.jobs.empty():
                    await self._fetch()
                while True:
                    await self._fetch()
                    if not self.jobs.empty():
                        return self.jobs.get_nowait()
                    await asyncio.sleep(interval)

            async def take_notified(self):
                async for note in self.listener.listen():
                    if note == "queued":
                        await self._fetch()
                    if not self.jobs.empty():
                        job = self.jobs.get_nowait()
                        break
                return job

            async def _fetch(self):
                for row in await self.db.fetch_batch():
                    self.jobs.put_nowait(row)


        class Chatty:
            def __init__(self, db):
                self.db = db
                self.jobs = asyncio.Queue()  # ACK501
                self._other = asyncio.Queue()

            async def take(self, interval):
                while True:
                    await self._fetch()
                    if not self.jobs.empty():
                        log.debug("%d queued", self.jobs.qsize())
                    await asyncio.sleep(interval)

            async def take_other(self, interval):
                while True:
                    await self._fetch()
                    if not self._other.empty():
                        return self._other.get_nowait()
                    await asyncio.sleep(interval)

            async def _fetch(self):
                for row in await self.db.fetch_batch():
                    self.jobs.put_nowait(row)
    ''', ["ACK501"])


def test_a_task_kept_in_a_mapping_entry_cancelled_then_awaited_is_the_cancel_and_await_idiom():
    # A simulator keeps its server task in `app[self.api_key]`; its stop hook cancels that entry and awaits it
    # under `suppress(CancelledError)`: the CancelledError caught is the task's own, as for `self._task`. The
    # same entry spelled with a literal key or a local, in a `try`. Awaiting another entry, an entry whose key
    # is a call (it may give another entry each time), or an entry another method cancels (its key is that
    # method's local) is a swallow: reported
    check_marked('''
        import asyncio
        import contextlib


        class Simulator:
            def __init__(self, server, key):
                self.server = server
                self.api_key = key
                self.tasks = {}

            async def start(self, app):
                app[self.api_key] = asyncio.create_task(self.server.serve_forever())

            async def stop(self, app):
                await self.server.shutdown()
                app[self.api_key].cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await app[self.api_key]

            async def stop_named(self, name):
                self.tasks[name].cancel()
                try:
                    await self.tasks[name]
                except asyncio.CancelledError:
                    pass
                self.tasks["reader"].cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await self.tasks["reader"]

            async def stop_other(self, app, other):
                app[self.api_key].cancel()
                with contextlib.suppress(asyncio.CancelledError):  # ACK602
                    await app[other]

            async def stop_computed(self, app):
                app[self.key()].cancel()
                with contextlib.suppress(asyncio.CancelledError):  # ACK602
                    await app[self.key()]

            def cancel_entry(self, name):
                self.tasks[name].cancel()

            async def wait_entry(self, name):
                try:
                    await self.tasks[name]
                except asyncio.CancelledError:  # ACK602
                    pass

            def key(self):
                return self.api_key
    ''', ["ACK601", "ACK602"])
