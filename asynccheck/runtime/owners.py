"""Whether this thread runs a given loop, told without making an int: a C RLock per loop, held by the thread that
runs it for as long as its ``run_forever`` lasts (``loop._asynccheck_owner``).

Up to 3.11 the foreign-thread checks (the prologues of runtime/threads.py, the loop's ``_check_closed`` in
runtime/loop.py) compared the loop's ``_thread_id`` with ``threading.get_ident()``: a new int at each call,
through the interpreter's generic call path (it does not specialise a C function without arguments), ~540
instructions with the comparison, four times per round trip of the queue/lock workload. ``lock._is_owned()`` is
a method call it does specialise, and makes nothing: ~130. The lock only ever answers "yes, this thread": when it
says no, the exact test runs as before, so a loop run before the checker was installed, a loop of another kind
(the class default ``NOBODY`` is owned by no thread) or a lock that could not be taken costs the old price and
decides as before.

From 3.12 ``_get_running_loop()`` reads the thread state instead of making a system call, but the interpreter does
not specialise that call either (a C function without arguments): ~370 instructions against ~150 for the lock's
answer (callgrind, 3.13), so the lock asks first there too, and the running loop is the exact test.
"""
from __future__ import annotations

import _thread
import sys
from asyncio import base_events
from typing import Any, Callable

NOBODY = _thread.RLock()  # never acquired: the owner of every loop not running under a run_forever of ours


class _Anyone:
    """Owned by every thread: the noted owner of a Lock or Semaphore no loop can own (runtime/threads.py's
    ``_MADE_OWNED``: made where no loop ran, or in a loop closed since), whose release asyncio lets any loop make
    until a wait binds it. Its ``_is_owned`` is a C method, as an RLock's is: no Python frame."""

    __slots__ = ()
    _is_owned = staticmethod(True.__bool__)


ANYONE = _Anyone()


class Owners(dict):
    """loop -> its RLock, for a loop class whose objects should get no ``__dict__`` (uvloop's: see
    uvloop_steps.UvloopLoops.owner_property); its ``__getitem__`` is the getter of a property, no Python frame."""

    def __missing__(self, loop: Any) -> Any:
        return NOBODY


def owning(original: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """asyncio's ``run_forever`` holding the loop's RLock (made on the loop's first run) while ``original`` runs."""

    def run_forever(loop: Any) -> Any:
        # out of pytest's tracebacks: what a signal handler raises while the loop waits in select is the program's
        __tracebackhide__ = True  # noqa: F841
        owner = getattr(loop, "_asynccheck_owner", NOBODY)
        if owner is NOBODY:
            owner = _thread.RLock()
            try:
                loop._asynccheck_owner = owner
            except AttributeError:  # (a subclass with __slots__: its checks take the exact test)
                return original(loop)
        # (not blocking: a loop cannot run in two threads; should asyncio's own check of that lose a race, the
        # other thread is left with the exact test)
        taken = owner.acquire(False)
        try:
            return original(loop)
        finally:
            if taken:
                owner.release()

    run_forever.__wrapped__ = original  # type: ignore[attr-defined]
    return run_forever


def unowned(loop: Any) -> Any:
    """``NOBODY``, now the ``_asynccheck_owner`` of a loop that had none (one running since before the checker
    started, or of a class whose ``run_forever`` is not asyncio's), so that the next read finds it."""
    try:
        loop._asynccheck_owner = NOBODY
    except AttributeError:  # (a loop class with __slots__: each check takes the exact test)
        pass
    return NOBODY


# Up to 3.11 a class attribute costs an object's own attribute of the same name nothing (its read is specialised
# alike): there the loop class has ``NOBODY`` as its default, and the scheduling methods read the owner without a
# `try` around it (runtime/scheduling.py: 4 bytecodes fewer per call_soon, ~7 per task of 5 steps)
CLASS_DEFAULT = sys.version_info < (3, 12)


def install(patches: Any) -> None:
    """Every asyncio loop's ``_asynccheck_owner`` from its first run under asyncio's ``run_forever`` (uvloop's loop
    class gets a property of its own, runtime/uvloop_hooks.py). From 3.12 an attribute of the loop only, with no
    default on its class: there the interpreter does not specialise the read of an object's attribute that its
    class also has (~260 instructions more per read on 3.13, at every call_soon); a loop without one gets
    ``unowned``. Up to 3.11 the class has ``NOBODY`` (``CLASS_DEFAULT``)."""
    patches.replace(base_events.BaseEventLoop, "run_forever", owning(base_events.BaseEventLoop.run_forever))
    if CLASS_DEFAULT and "_asynccheck_owner" not in vars(base_events.BaseEventLoop):
        patches.add(base_events.BaseEventLoop, "_asynccheck_owner", NOBODY)
