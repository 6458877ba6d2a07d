"""Shapes measured on held-out service code (heldout70): worker pools, supervisors, per-key locks, device bridges
and per-client channels."""
from __future__ import annotations

from .helpers import check_marked


def test_queue_sized_by_a_module_setting_with_a_zero_fallback():
    # `QUEUE_MAX = int(os.environ.get("QUEUE_MAX", "0"))` bound once, then `Queue(maxsize=QUEUE_MAX)`: unset, the
    # queue is unbounded, as with the lookup written inline. Look-alikes: a fallback that bounds it, a setting read
    # without a fallback, a name bound twice (which value reaches the queue is not known).
    check_marked('''
        import asyncio
        import os

        QUEUE_MAX = int(os.environ.get("QUEUE_MAX", "0"))
        BUFFER = int(os.getenv("BUFFER", "500"))
        FROM_SETTINGS = settings.queue_max
        NO_LIMIT = 0
        TWICE = 0
        if os.getenv("BIG"):
            TWICE = 10_000


        class Outbox:
            def __init__(self):
                self._q = asyncio.Queue(maxsize=QUEUE_MAX)  # ACK501

            async def send(self, msg):
                await self._q.put(msg)


        class Buffered:
            def __init__(self):
                self._q = asyncio.Queue(BUFFER)
                self._r = asyncio.Queue(FROM_SETTINGS)
                self._t = asyncio.Queue(TWICE)

            async def send(self, msg):
                await self._q.put(msg)
                await self._r.put(msg)
                await self._t.put(msg)


        async def pump(reader):
            q = asyncio.Queue(NO_LIMIT)  # ACK501
            size = int(os.getenv("PUMP_MAX", "0"))
            r = asyncio.Queue(size)  # ACK501
            while True:
                line = await reader.readline()
                await q.put(line)
                await r.put(line)
    ''', ["ACK501"])


def test_contextmanager_method_inherited_from_a_mixin_holds_its_lock():
    # `with self.guarded():` in a subclass, `guarded` a `@contextmanager` of a base class of the module that holds
    # a threading lock around its `yield` (the lock a class attribute or set in the base's `__init__`).
    # Look-alikes: the same block with no await, an await after it, a subclass that overrides the method with one
    # that holds nothing.
    check_marked('''
        import contextlib
        import threading


        class GuardedMixin:
            _state_lock = threading.RLock()

            @contextlib.contextmanager
            def guarded(self):
                with self._state_lock:
                    yield self


        class LockedBase:
            def __init__(self):
                self._lock = threading.Lock()

            @contextlib.contextmanager
            def locked(self):
                self._lock.acquire()
                try:
                    yield
                finally:
                    self._lock.release()


        class Inventory(GuardedMixin):
            async def pull(self, remote):
                with self.guarded():  # ACK201
                    self.items = await remote.fetch()

            async def pull_then_store(self, remote):
                fresh = await remote.fetch()
                with self.guarded():
                    self.items = fresh


        class Ledger(LockedBase):
            async def append(self, db, entry):
                with self.locked():  # ACK201
                    await db.insert(entry)


        class Unlocked(LockedBase):
            @contextlib.contextmanager
            def locked(self):
                yield

            async def append(self, db, entry):
                with self.locked():
                    await db.insert(entry)
    ''', ["ACK201"])


def test_unknown_receivers_call_dropped_inside_a_statement_beside_its_awaited_twin():
    # `mailer.send(a) if mailer.enabled else None` or `[mailer.send(a) for a in admins]` as a statement, where the
    # same coroutine awaits `mailer.send(...)`: thrown away as surely as a call that is the statement. Look-alikes:
    # another method in the branch, the branch awaited, the same shape in sync code, a kept list.
    check_marked('''
        async def notify(mailer, admins, text):
            for admin in admins:
                mailer.send(admin, text) if mailer.enabled else None  # ACK301
            [mailer.send(a, text) for a in admins]  # ACK301
            await mailer.send("ops", text)


        async def notify_logged(mailer, admins, text):
            for admin in admins:
                mailer.log(admin, text) if mailer.enabled else None
                await mailer.send(admin, text) if mailer.enabled else None
            sent = [mailer.send(a, text) for a in admins]
            await mailer.send("ops", text)
            return sent


        def notify_sync(mailer, text):
            mailer.send(text) if mailer.enabled else None
            mailer.send(text)
    ''', ["ACK301"])
