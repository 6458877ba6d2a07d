"""ACK401's first test reads the object's own copy of its loop's lock (runtime/threads.py): from 3.12 each Queue,
Lock, Event, Semaphore and Condition gets it when made and their classes have none; an object made before the
checks started has none, and is checked all the same."""
from __future__ import annotations

import asyncio
import sys
import threading

import pytest

import asynccheck
from asynccheck.config import Config

KINDS = {
    "queue": (asyncio.Queue, lambda obj: obj.put_nowait(1)),
    "event": (asyncio.Event, lambda obj: obj.set()),
    "lock": (asyncio.Lock, lambda obj: obj.release()),
    "semaphore": (asyncio.Semaphore, lambda obj: obj.release()),
    "condition": (asyncio.Condition, lambda obj: obj.notify()),
}


async def _bind(obj):
    """Bind ``obj`` to the running loop the way a program does (a wait), leaving it usable by the call (an
    object made before the checks started is given its owner by the first of these calls)."""
    loop = asyncio.get_running_loop()
    if isinstance(obj, asyncio.Queue):
        loop.call_soon(obj.put_nowait, 0)
        await obj.get()
    elif isinstance(obj, asyncio.Event):
        loop.call_soon(obj.set)
        await obj.wait()
        obj.clear()
    elif isinstance(obj, asyncio.Condition):
        async with obj:
            loop.call_soon(asyncio.ensure_future, _notify(obj))
            await obj.wait()
        await obj.acquire()  # (held: notify() needs the lock)
    else:  # Lock, Semaphore: a second acquire waits until the first is released
        await obj.acquire()
        waiter = asyncio.ensure_future(obj.acquire())
        await asyncio.sleep(0)
        obj.release()
        await waiter


async def _notify(condition):
    async with condition:
        condition.notify()


def _run(make, call, from_thread):
    async def main():
        obj = make()  # (inside the loop: up to 3.9 an object is bound to the loop current where it is made)
        await _bind(obj)
        if from_thread:
            worker = threading.Thread(target=call, args=(obj,))
            worker.start()
            worker.join()
        else:
            call(obj)
        await asyncio.sleep(0)

    asyncio.run(main())


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("made_before", [False, True])
@pytest.mark.parametrize("from_thread", [True, False])
def test_a_foreign_call_is_seen_whether_the_object_was_made_before_or_during_the_checks(kind, made_before,
                                                                                         from_thread):
    cls, call = KINDS[kind]
    if made_before and sys.version_info < (3, 10):
        pytest.skip("up to 3.9 an object made outside a loop is bound to another loop than asyncio.run's")
    made = cls() if made_before else None
    with asynccheck.watch(Config().override(select=["ACK401"])) as session:
        _run(lambda: made if made is not None else cls(), call, from_thread)
    codes = [finding.code for finding in session.findings]
    assert codes == (["ACK401"] if from_thread else [])


@pytest.mark.skipif(sys.version_info < (3, 12), reason="up to 3.11 the class default costs nothing")
def test_each_object_has_its_own_owner_and_the_classes_none():
    with asynccheck.watch(Config().override(select=["ACK401"])):
        for cls, _call in KINDS.values():
            assert "_asynccheck_owner" in vars(cls())
            assert not any("_asynccheck_owner" in vars(klass) for klass in cls.__mro__)
    for cls, _call in KINDS.values():  # and given back
        assert "_asynccheck_owner" not in vars(cls())
