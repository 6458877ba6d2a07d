"""Shapes the lmiss12 session closed: a polling acquire written as `while True: if lock.acquire(False): break`,
... each beside the look-alikes that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked


def test_thread_lock_got_by_a_break_out_of_a_polling_loop_is_held_after_it():
    check_marked('''
        import asyncio
        import threading

        async def poll(lock: threading.Lock, job) -> None:
            while True:
                if lock.acquire(False):  # ACK201
                    break
                await asyncio.sleep(0.01)
            try:
                await job()
            finally:
                lock.release()

        async def poll_keyword(lock: threading.RLock, job) -> None:
            while 1:
                if lock.acquire(blocking=False):  # ACK201
                    got = True
                    break
                await asyncio.sleep(0.01)
            await job()
            lock.release()

        async def poll_timeout(lock: threading.Lock, job) -> None:
            while True:
                if lock.acquire(timeout=0):  # ACK201
                    break
                await asyncio.sleep(0.01)
            await job()
            lock.release()

        async def poll_released_first(lock: threading.Lock, job, state: dict) -> None:
            while True:
                if lock.acquire(False):
                    break
                await asyncio.sleep(0.01)
            state["n"] = 1
            lock.release()
            await job()

        async def poll_with_deadline(lock: threading.Lock, job, loop, deadline: float) -> None:
            while True:
                if lock.acquire(False):
                    break
                if loop.time() > deadline:
                    break
                await asyncio.sleep(0.01)
            await job()

        async def poll_until_flag(lock: threading.Lock, job, flags) -> None:
            while flags.running:
                if lock.acquire(False):
                    break
                await asyncio.sleep(0.01)
            await job()

        async def poll_held_inside(lock: threading.Lock, job) -> None:
            while True:
                if lock.acquire(False):
                    lock.release()
                    break
                await asyncio.sleep(0.01)
            await job()

        def poll_in_a_thread(lock: threading.Lock, job) -> None:
            while True:
                if lock.acquire(False):
                    break
            job()
            lock.release()
    ''', ["ACK201"])
