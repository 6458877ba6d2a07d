"""The order a single process checks modules in: each after the project modules it imports."""
from __future__ import annotations

import re
from typing import Dict, List, Sequence, Set, Tuple

_IMPORT = re.compile(rb"^[ \t]*(?:from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t(]*([\w, \t]*)|import[ \t]+([\w., \t]+))", re.M)
_TYPE_CHECKING = re.compile(rb"^([ \t]*)if[ \t]+(?:[\w.]+\.)?TYPE_CHECKING[ \t]*:[ \t]*(?:#[^\n]*)?$", re.M)
_CODE_LINE = re.compile(rb"^([ \t]*)[^ \t\r\n#]", re.M)  # a line that holds code, with its indentation


def dependency_order(modules: Sequence[Tuple[str, bool, bytes]]) -> List[int]:
    """The positions of ``modules`` (name, is a package, source) with each module after the project modules it
    imports where the imports allow: checked in this order, a file finds what the modules it imports say
    already known. Imports are found by a cheap scan of the text, which is enough for an order (a missed import
    only costs a second check of the file).

    Modules that import each other are checked in the order their run-time imports give: `types.py` importing
    `requests` under `if TYPE_CHECKING:` (for annotations) while `requests` imports `types` is the usual cycle,
    and `types` is the one to check first (every module of the package asks about it). Other cycles are cut
    anywhere."""
    position = {name: i for i, (name, _, _) in enumerate(modules)}
    deps: List[List[int]] = []  # every import
    runtime: List[List[int]] = []  # those not under `if TYPE_CHECKING:`
    for name, is_package, source in modules:
        package = name if is_package else name.rpartition(".")[0]
        guarded = _type_checking_blocks(source) if b"TYPE_CHECKING" in source else []
        found, strong = [], []
        for match in _IMPORT.finditer(source):
            dots, base, names, plain = match.groups()
            targets = [t.strip().split(" ")[0] for t in plain.decode("ascii", "replace").split(",")] if plain else []
            if not plain:
                base_text = base.decode("ascii", "replace")
                if dots:
                    head = package
                    for _ in range(len(dots) - 1):
                        head = head.rpartition(".")[0]
                    base_text = f"{head}.{base_text}" if base_text else head
                # `from pkg import mod` imports the module pkg.mod when there is one
                targets = [f"{base_text}.{n.strip().split(' ')[0]}" for n in names.decode("ascii", "replace").split(",")
                           if n.strip()] + [base_text]
            typing_only = any(start <= match.start() < end for start, end in guarded)
            for target in targets:
                # the module itself, not the packages above it: facts come from where names are defined, and
                # a package's __init__ importing its modules would make every module of it one cycle
                while target and target not in position:
                    target = target.rpartition(".")[0]
                if target:
                    found.append(position[target])
                    if not typing_only:
                        strong.append(position[target])
        deps.append(found)
        runtime.append(strong)
    order: List[int] = []
    for group in _cycles(deps):
        if len(group) == 1:
            order.extend(group)
        else:
            members = set(group)
            order.extend(_postorder(sorted(group), {i: [d for d in runtime[i] if d in members] for i in group}))
    return order


def _type_checking_blocks(source: bytes) -> List[Tuple[int, int]]:
    """(start, end) offsets of the bodies of `if TYPE_CHECKING:` in ``source``: up to the next code line that
    is not indented deeper than the `if`."""
    blocks = []
    for match in _TYPE_CHECKING.finditer(source):
        indent = len(match.group(1).expandtabs())
        end = len(source)
        for line in _CODE_LINE.finditer(source, match.end()):
            if len(line.group(1).expandtabs()) <= indent:
                end = line.start()
                break
        blocks.append((match.end(), end))
    return blocks


def _postorder(starts: Sequence[int], deps: Dict[int, List[int]]) -> List[int]:
    """Depth first from each of ``starts`` in turn, each node after what it depends on (a cycle cut where the
    walk meets a node it is still inside)."""
    order: List[int] = []
    state: Dict[int, int] = {}  # absent: not reached yet; 1 in progress, 2 done
    for start in starts:
        if start in state:
            continue
        stack = [(start, iter(deps[start]))]
        state[start] = 1
        while stack:
            node, pending = stack[-1]
            nxt = next(pending, None)
            if nxt is None:
                stack.pop()
                state[node] = 2
                order.append(node)
            elif nxt not in state:
                state[nxt] = 1
                stack.append((nxt, iter(deps[nxt])))
    return order


def _cycles(deps: List[List[int]]) -> List[List[int]]:
    """The strongly connected components of the import graph (Tarjan's, without recursion), each after those
    it imports from."""
    index: List[int] = [-1] * len(deps)
    low = [0] * len(deps)
    on_stack: Set[int] = set()
    stack: List[int] = []
    groups: List[List[int]] = []
    counter = 0
    for root in range(len(deps)):
        if index[root] >= 0:
            continue
        work = [(root, iter(deps[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, pending = work[-1]
            nxt = next(pending, None)
            if nxt is not None:
                if index[nxt] < 0:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(deps[nxt])))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                groups.append(group)
    return groups
