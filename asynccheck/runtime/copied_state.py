"""What `copy` and `pickle` take of asyncio's locks, events and queues while the checker runs: their state without
the checker's notes.

The ACK401 checks keep notes on each object (``_asynccheck_made``, the loop running where it was made; from 3.12
``_asynccheck_owner``). A loop cannot be copied or pickled, so without this a program's ``copy.deepcopy(lock)``
of a Lock, Event, Semaphore or Queue nobody waited on, which python copies, raised TypeError under the checker
(tests/runtime/test_rheld45.py). The copy has no notes, as an object made before the checks started has none:
its first check takes the slow path and notes what it needs. Nothing runs here unless the program copies one.
"""
import copyreg
import sys
from typing import Any, Iterable

from asynccheck.runtime.patches import Patches

_NOTE = "_asynccheck_"


def _plain_state(obj: Any) -> Any:
    """What python's own ``object.__getstate__`` gives (3.11+), built alike before: ``__dict__``, and the slots'
    values beside it when a subclass has any."""
    if sys.version_info >= (3, 11):
        return object.__getstate__(obj)
    state = dict(vars(obj)) if hasattr(obj, "__dict__") else None
    slots = {name: getattr(obj, name) for name in copyreg._slotnames(type(obj))  # type: ignore[attr-defined]
             if hasattr(obj, name)}
    return (state, slots) if slots else state


def _unnoted(values: Any) -> Any:
    if not isinstance(values, dict) or not any(isinstance(k, str) and k.startswith(_NOTE) for k in values):
        return values
    return {k: v for k, v in values.items() if not (isinstance(k, str) and k.startswith(_NOTE))}


def __getstate__(self: Any) -> Any:
    state = _plain_state(self)
    if isinstance(state, tuple) and len(state) == 2:
        return (_unnoted(state[0]), _unnoted(state[1]))
    return _unnoted(state)


def install(patches: Patches, classes: Iterable[type]) -> None:
    """Give each of ``classes`` (asyncio's own, which define no ``__getstate__``) the one above."""
    for cls in dict.fromkeys(classes):
        if "__getstate__" not in vars(cls):
            patches.add(cls, "__getstate__", __getstate__)
