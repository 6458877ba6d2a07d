"""The scheduling methods with the loop's foreign-thread test in their own frame (runtime/scheduling.py): a call
from another thread is still ACK402 at its line, a closed loop still raises, and a loop class with a
`_check_closed` of its own (made before or after the checks started) has it called at every scheduling call."""
from __future__ import annotations

import asyncio
import threading
from asyncio import base_events

import pytest

import asynccheck
from asynccheck.config import Config
from asynccheck.runtime import scheduling


def watching():
    return asynccheck.watch(Config().override(select=["ACK402"]))


class CountingLoop(asyncio.SelectorEventLoop):
    """A loop class made before the checks start, whose own `_check_closed` counts its calls."""

    checks = 0

    def _check_closed(self):
        type(self).checks += 1
        super()._check_closed()


def scheduled_on_the_loop(loop):
    async def main():
        loop.call_soon(lambda: None)
        loop.call_later(0, lambda: None)
        await asyncio.sleep(0)
        await loop.create_task(asyncio.sleep(0))

    loop.run_until_complete(main())


def test_the_guarded_methods_are_installed_and_removed():
    originals = {name: vars(base_events.BaseEventLoop)[name] for name in scheduling.METHODS}
    with watching():
        for name, original in originals.items():
            installed = vars(base_events.BaseEventLoop)[name]
            assert installed is not original and installed.__wrapped__ is original
        assert "__init_subclass__" in vars(base_events.BaseEventLoop)
    assert {name: vars(base_events.BaseEventLoop)[name] for name in scheduling.METHODS} == originals
    assert "__init_subclass__" not in vars(base_events.BaseEventLoop)


def test_a_call_from_another_thread_is_reported_at_its_line():
    def from_thread(loop):
        loop.call_soon(print)  # the line
        loop.call_later(5, print).cancel()  # (call_later: reported as itself, through call_at)

    async def main():
        thread = threading.Thread(target=from_thread, args=(asyncio.get_running_loop(),))
        thread.start()
        thread.join()

    with watching() as session:
        asyncio.run(main())
    first = from_thread.__code__.co_firstlineno + 1
    assert sorted((f.rule.code, f.line) for f in session.findings) == [("ACK402", first), ("ACK402", first + 1)]
    assert "`loop.call_later()`" in [f for f in session.findings if f.line == first + 1][0].message


def test_a_closed_loop_still_refuses():
    with watching():
        loop = asyncio.new_event_loop()
        loop.close()
        coro = asyncio.sleep(0)
        for call in (lambda: loop.call_soon(print), lambda: loop.call_later(1, print),
                     lambda: loop.create_task(coro)):
            with pytest.raises(RuntimeError, match="Event loop is closed"):
                call()
        coro.close()


def counted_checks(cls):
    cls.checks = 0
    loop = cls()
    try:
        scheduled_on_the_loop(loop)
    finally:
        loop.close()
    return cls.checks


@pytest.mark.parametrize("made", ["before", "after"])
def test_a_loop_class_with_its_own_check_has_it_called(made):
    with watching() as session:
        if made == "before":
            cls = CountingLoop
        else:
            class Late(asyncio.SelectorEventLoop):
                checks = 0

                def _check_closed(self):
                    type(self).checks += 1
                    super()._check_closed()

            cls = Late
        checked = counted_checks(cls)
    # every scheduling call (call_soon, call_later, create_task and asyncio's own) went through the class's check
    assert checked == counted_checks(cls) > 0
    assert session.findings == []
