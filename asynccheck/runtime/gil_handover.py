"""Where the GIL was handed over after a C call that held it: the line a late look credits the time to.

The interpreter hands the GIL over only at some instructions: after a call of a C function returns, at a backward
jump, and when a Python function (or a generator, resumed) begins. A C call made by one of those instructions is
found at its own line. But some of the work that never lets go of the GIL runs in an instruction that does not
hand it over: `FOR_ITER` running a C iterator (`[m.group(1) for m in pattern.finditer(big)]`, where each
`__next__` backtracks), a `BINARY_OP` on huge numbers, a `STORE_SUBSCR`. The GIL then goes at the next function
the step enters: a look that came late finds the step at that function's first instruction, called from a line
that only loads its arguments (`q.task_done()` after `results[k] = scan(buf)`: tests/runtime/test_rheld45.py).
That line did nothing: the time went to the code just before it, the line this module returns.
"""
import dis
from typing import Any, Dict, Optional, Tuple

# instructions that only move references around: a line made of these (before its call) did no work
_TRIVIAL = frozenset({"NOP", "CACHE", "EXTENDED_ARG", "PUSH_NULL", "PRECALL", "KW_NAMES", "COPY", "SWAP",
                      "POP_TOP", "STORE_FAST", "RESUME", "NOT_TAKEN"})
_cache: Dict[Any, Tuple[list, Dict[int, int]]] = {}


def _table(code: Any) -> Tuple[list, Dict[int, int]]:
    """The code's instructions as (offset, opname, line), and offset -> index (rare: only for a late look)."""
    found = _cache.get(code)
    if found is None:
        lines: Dict[int, Optional[int]] = {}
        for start, end, line in code.co_lines():
            for offset in range(start, end, 2):
                lines[offset] = line
        rows = [(ins.offset, ins.opname, lines.get(ins.offset)) for ins in dis.get_instructions(code)]
        found = (rows, {offset: i for i, (offset, _, _) in enumerate(rows)})
        if len(_cache) > 256:
            _cache.clear()
        _cache[code] = found
    return found


def at_entry(frame: Any) -> bool:
    """Whether ``frame`` is at its function's first instruction (its `RESUME`, or before it)."""
    try:
        rows, _ = _table(frame.f_code)
    except Exception:  # noqa: BLE001 (a code object dis cannot read: no answer)
        return False
    for offset, name, _ in rows:
        if name == "RESUME":
            return frame.f_lasti <= offset
    return False


def line_before_call(caller: Any) -> Optional[int]:
    """The line whose work ended just before ``caller``'s current call, when the current line did nothing else
    before that call (loaded its arguments only); None when it did (its own line stands)."""
    try:
        rows, index = _table(caller.f_code)
    except Exception:  # noqa: BLE001
        return None
    at = caller.f_lasti
    while at > 0 and at not in index:
        at -= 2
    i = index.get(at)
    if i is None:
        return None
    current = rows[i][2]
    i -= 1
    while i >= 0:
        _, name, line = rows[i]
        if name not in _TRIVIAL and not name.startswith("LOAD_"):
            return line if line is not None and line != current else None
        i -= 1
    return None
