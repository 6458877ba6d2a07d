"""Line and column of a few nodes, found by one code generation pass that records only those nodes.

libcst's PositionProvider records every node and costs more than parsing; files usually need positions for a
handful of nodes, and only files with findings need them at all. The pass stops once the last of them is written:
what follows cannot move a span already taken.
"""
from __future__ import annotations

import re
from contextlib import contextmanager, nullcontext
from typing import ContextManager, Dict, Iterable, Iterator, Optional, Tuple

import libcst as cst
from libcst._nodes.internal import CodegenState

Span = Tuple[int, int, int, int]  # start line, start column, end line, end column; 1-based line, 0-based column
_NEWLINES = re.compile(r"\r\n?|\n")
_UNRECORDED = nullcontext()  # holds no state: one instance serves every nesting level


class _AllFound(Exception):
    pass


class _TargetPositions(CodegenState):
    def __init__(self, module: cst.Module, targets: Iterable[cst.CSTNode]):
        super().__init__(default_indent=module.default_indent, default_newline=module.default_newline)
        self.targets = {id(t) for t in targets}
        self.line = 1
        self.column = 0
        self.spans: Dict[int, Span] = {}
        self._starts: list = []

    def add_indent_tokens(self) -> None:
        for token in self.indent_tokens:
            self.column += len(token)

    def add_token(self, value: str) -> None:
        if "\n" in value or "\r" in value:
            pieces = _NEWLINES.split(value)
            self.line += len(pieces) - 1
            self.column = len(pieces[-1])
        else:
            self.column += len(value)

    def before_codegen(self, node: cst.CSTNode) -> None:
        if id(node) in self.targets:
            self._starts.append((self.line, self.column))

    def after_codegen(self, node: cst.CSTNode) -> None:
        if id(node) in self.targets:
            line, column = self._starts.pop()
            self.spans.setdefault(id(node), (line, column, self.line, self.column))
            if len(self.spans) == len(self.targets):  # a target ends after the targets inside it: none is open
                raise _AllFound

    def record_syntactic_position(
        self, node: cst.CSTNode, *, start_node: Optional[cst.CSTNode] = None, end_node: Optional[cst.CSTNode] = None
    ) -> ContextManager[None]:
        # called for most nodes of the module: a shared no-op for the others, not a generator made per node
        return self._record(node) if id(node) in self.targets else _UNRECORDED

    @contextmanager
    def _record(self, node: cst.CSTNode) -> Iterator[None]:
        start = (self.line, self.column)
        try:
            yield
        finally:
            self.spans[id(node)] = (*start, self.line, self.column)


def spans_of(module: cst.Module, nodes: Iterable[cst.CSTNode]) -> Dict[int, Span]:
    """Spans of ``nodes`` keyed by ``id(node)``; whitespace around a node is not part of its span."""
    nodes = list(nodes)
    if not nodes:
        return {}
    state = _TargetPositions(module, nodes)
    try:
        module._codegen(state)
    except _AllFound:
        pass
    return state.spans
