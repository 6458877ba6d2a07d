"""ACK302 at run time claims garbage collection only for a task that can be collected (lweak2): a dropped task
of `asyncio.to_thread()` (or anyio's `to_thread.run_sync()`) is held by its worker thread until it is done, and
what is lost is its outcome; the same words as the linter's (asynccheck.wording)."""
from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest

from asynccheck.wording import HELD_BY_WORKER, HELD_UNTIL_DONE
from tests.runtime.test_programs import checked, python

PROGRAM = """\
import asyncio
import threading
import time

release = threading.Event()


def save():
    release.wait(5)
    print("saved")


async def work():
    await asyncio.Event().wait()


async def main():
    asyncio.create_task(asyncio.to_thread(save))
    asyncio.create_task(work())
    await asyncio.sleep(0.05)
    release.set()
    await asyncio.sleep(0.2)


asyncio.run(main())
"""


def test_a_dropped_thread_task_is_said_to_be_held_by_its_thread(tmp_path):
    program = tmp_path / "prog.py"
    program.write_text(PROGRAM)
    plain = python(str(program))
    proc, data = checked(tmp_path, "--select", "ACK302", str(program))
    assert proc.stdout == plain.stdout == "saved\n" and proc.returncode == plain.returncode
    found = {f["line"]: f["message"] for f in data["findings"] if Path(f["path"]).name == "prog.py"}
    assert sorted(found) == [18, 19], found
    assert HELD_UNTIL_DONE.format(holder=HELD_BY_WORKER) in found[18]
    assert "garbage-collected mid-flight" not in found[18]
    assert "can be garbage-collected mid-flight" in found[19]  # waits on an event nobody else holds


def test_what_the_message_says_holds_on_this_python():
    # the words stand on CPython: a collection while the thread runs leaves the dropped task alive, and it ends
    import asyncio
    import threading

    release = threading.Event()

    async def main():
        thread_task = weakref.ref(asyncio.create_task(asyncio.to_thread(release.wait, 5)))
        lost = weakref.ref(asyncio.create_task(asyncio.Event().wait()))
        await asyncio.sleep(0.05)
        gc.collect()
        alive = thread_task() is not None, lost() is not None
        release.set()
        await asyncio.sleep(0.1)
        return alive

    assert asyncio.run(main()) == (True, False)


def test_anyio_run_sync_is_held_by_its_worker_too():
    anyio_to_thread = pytest.importorskip("anyio.to_thread")
    import asyncio
    import threading

    release = threading.Event()

    async def main():
        task = weakref.ref(asyncio.create_task(anyio_to_thread.run_sync(release.wait, 5)))
        await asyncio.sleep(0.05)
        gc.collect()
        alive = task() is not None
        release.set()
        await asyncio.sleep(0.1)
        return alive

    assert asyncio.run(main()) is True
