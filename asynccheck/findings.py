"""The Finding record that both engines emit, and how findings are ordered and merged."""
from __future__ import annotations

import os
from typing import Any, Dict, Iterable, List, Optional, Set, Tuple

from asynccheck import rules
from asynccheck.record import as_dict, factory, record, replace


@record(frozen=True)
class Frame:
    """One frame of a stack, innermost last."""

    path: str
    line: int
    function: str = ""


# asyncio's own frames (beside os.py in the standard library; asyncio itself need not be imported to know it)
ASYNCIO_FRAMES = (os.path.join(os.path.dirname(os.__file__), "asyncio") + os.sep,)
# how multiprocessing starts a spawn or forkserver child (the `python -c` line, spawn_main, _bootstrap), which
# begins a child's stack, before the program's first frame
CHILD_START_FRAMES = (os.path.join(os.path.dirname(os.__file__), "multiprocessing") + os.sep, "<string>")


def folded(stack: Iterable[Frame], machinery: Tuple[str, ...] = ASYNCIO_FRAMES) -> List[str]:
    """A stack as lines a reader follows: the frames of the event loop's own machinery (``machinery``: path
    prefixes, asyncio's folder) between two frames of the program are folded into one line, and so are the
    frames that start a spawned child before the program's first one."""
    lines: List[str] = []
    stack = list(stack)
    start = 0
    while start < len(stack) and stack[start].path.startswith(CHILD_START_FRAMES):
        start += 1
    if start and start < len(stack):
        lines.append(f"... {start} frame{'s' if start > 1 else ''} of multiprocessing's child start ...")
        stack = stack[start:]
    hidden = 0
    for frame in stack:
        if frame.path.startswith(machinery):
            hidden += 1
            continue
        if hidden:
            lines.append(f"... {hidden} frame{'s' if hidden > 1 else ''} of asyncio ...")
            hidden = 0
        lines.append(f"{frame.path}:{frame.line} in {frame.function}")
    if hidden:
        lines.append(f"... {hidden} frame{'s' if hidden > 1 else ''} of asyncio ...")
    return lines


@record(frozen=True)
class Related:
    """Another place that explains a finding (the await of ACK201, a step of a helper chain).

    ``role`` names places reports treat specially: "helper" is the definition of the project function that a
    blocking finding blames (the text report sums up a helper that many findings blame).
    """

    path: str
    line: int
    message: str = ""
    role: str = ""

    def to_dict(self) -> Dict[str, Any]:
        data: Dict[str, Any] = {"path": self.path, "line": self.line, "message": self.message}
        if self.role:
            data["role"] = self.role
        return data


@record(frozen=True)
class Finding:
    """One anti-pattern at one place. Lines and columns are 1-based, as editors show them.

    ``source`` says which engine saw it ("lint" or "runtime"); the runtime fills ``stack``, ``thread``,
    ``task``, ``duration`` (seconds) and ``count`` (how often the same site fired).
    """

    code: str
    path: str
    line: int
    column: int
    message: str
    end_line: int = 0
    end_column: int = 0
    source: str = "lint"
    fixable: bool = False
    related: Tuple[Related, ...] = ()
    stack: Tuple[Frame, ...] = ()
    thread: Optional[str] = None
    task: Optional[str] = None
    duration: Optional[float] = None
    count: int = 1
    test: Optional[str] = None

    def __post_init__(self) -> None:
        if not self.end_line:  # a point finding ends where it starts
            object.__setattr__(self, "end_line", self.line)
            object.__setattr__(self, "end_column", self.end_column or self.column)

    @property
    def rule(self) -> rules.Rule:
        return rules.BY_CODE[self.code]

    @property
    def name(self) -> str:
        return self.rule.name

    @property
    def category(self) -> str:
        return self.rule.category

    def sort_key(self) -> Tuple[Any, ...]:
        return (self.path, self.line, self.column, self.code, self.message)

    def site(self) -> Tuple[Any, ...]:
        """What makes two reports the same finding: the rule, the place, and the test it happened in."""
        return (self.code, self.path, self.line, self.column, self.test)

    def with_(self, **changes: Any) -> "Finding":
        return replace(self, **changes)

    def seen_again(self, occurrence: "Finding") -> "Finding":
        """This site seen once more: counted, and described by its longest occurrence (that duration with its
        own stack, task and thread)."""
        longer = occurrence.duration is not None and (self.duration is None or occurrence.duration > self.duration)
        return (occurrence if longer else self).with_(count=self.count + occurrence.count)

    def to_dict(self) -> Dict[str, Any]:
        """The JSON shape: the linter's documented keys first, then what the runtime adds where set."""
        data: Dict[str, Any] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "category": self.category,
            "message": self.message,
            "fixable": self.fixable,
            "source": self.source,
        }
        if self.related:
            data["related"] = [r.to_dict() for r in self.related]
        if self.stack:
            data["stack"] = [as_dict(f) for f in self.stack]
        for key in ("thread", "task", "duration", "test"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        if self.count != 1:
            data["count"] = self.count
        return data

    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> "Finding":
        return cls(
            code=data["code"],
            path=data["path"],
            line=int(data["line"]),
            column=int(data.get("column", 1)),
            message=data["message"],
            end_line=int(data.get("end_line", 0)),
            end_column=int(data.get("end_column", 0)),
            source=data.get("source", "lint"),
            fixable=bool(data.get("fixable", False)),
            related=tuple(Related(**r) for r in data.get("related", ())),
            stack=tuple(Frame(**f) for f in data.get("stack", ())),
            thread=data.get("thread"),
            task=data.get("task"),
            duration=data.get("duration"),
            count=int(data.get("count", 1)),
            test=data.get("test"),
        )


@record(frozen=True)
class FileError:
    """A file that could not be checked: reported, never fatal to the run.

    ``kind`` is "read" (unreadable or undecodable), "parse" (not valid Python) or "internal" (a bug in
    asynccheck, caught so the other files are still checked).
    """

    path: str
    message: str
    line: int = 0
    column: int = 0
    kind: str = "parse"

    def to_dict(self) -> Dict[str, Any]:
        return {"path": self.path, "line": self.line, "column": self.column, "kind": self.kind, "message": self.message}

    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> "FileError":
        return cls(data["path"], data["message"], int(data.get("line", 0)), int(data.get("column", 0)), data.get("kind", "parse"))


@record
class Report:
    """What one run produced: findings in a stable order, and files that could not be checked."""

    findings: List[Finding] = factory(list)
    errors: List[FileError] = factory(list)

    def sorted(self) -> "Report":
        return Report(
            sorted(self.findings, key=Finding.sort_key),
            sorted(self.errors, key=lambda e: (e.path, e.line, e.column, e.message)),
        )


def merge(findings: Iterable[Finding]) -> List[Finding]:
    """One finding per site, sorted; repeated sites add up their counts and keep the first message."""
    by_site: Dict[Tuple[Any, ...], Finding] = {}
    for f in findings:
        seen = by_site.get(f.site())
        if seen is None:
            by_site[f.site()] = f
        else:
            by_site[f.site()] = seen.with_(count=seen.count + f.count)
    return sorted(by_site.values(), key=Finding.sort_key)


def distinct(findings: Iterable[Finding]) -> List[Finding]:
    """The linter's findings, one per site and one per call on a line, sorted. A static finding is one place in
    the code, never a count of occurrences: two reports of one site (a chain, `open(p).read()`, whose calls
    begin at one column) are one finding, and so is the same call written twice on a line (`cfg.data +
    cfg.data`: the same message), reported where it is first written; distinct calls on a line stay apart."""
    by_site: Dict[Tuple[Any, ...], Finding] = {}
    for f in findings:
        by_site.setdefault(f.site(), f.with_(count=1))
    written: Set[Tuple[Any, ...]] = set()
    kept = []
    for f in sorted(by_site.values(), key=Finding.sort_key):
        again = (f.code, f.path, f.line, f.test, f.message)
        if again not in written:
            written.add(again)
            kept.append(f)
    return kept
