"""The order a single process checks modules in: each after the project modules it imports."""
from __future__ import annotations

import re
from typing import List, Sequence, Tuple

_IMPORT = re.compile(rb"^[ \t]*(?:from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t(]*([\w, \t]*)|import[ \t]+([\w., \t]+))", re.M)


def dependency_order(modules: Sequence[Tuple[str, bool, bytes]]) -> List[int]:
    """The positions of ``modules`` (name, is a package, source) with each module after the project modules it
    imports where the imports allow (a cycle is cut anywhere): checked in this order, a file finds what the
    modules it imports say already known. Imports are found by a cheap scan of the text, which is enough for
    an order (a missed import only costs a second check of the file)."""
    position = {name: i for i, (name, _, _) in enumerate(modules)}
    deps: List[List[int]] = []
    for name, is_package, source in modules:
        package = name if is_package else name.rpartition(".")[0]
        found = []
        for dots, base, names, plain in _IMPORT.findall(source):
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
            for target in targets:
                # the module itself, not the packages above it: facts come from where names are defined, and
                # a package's __init__ importing its modules would make every module of it one cycle
                while target and target not in position:
                    target = target.rpartition(".")[0]
                if target:
                    found.append(position[target])
        deps.append(found)
    order: List[int] = []
    state = [0] * len(modules)  # 0 new, 1 in progress, 2 done
    for start in range(len(modules)):
        if state[start]:
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
            elif state[nxt] == 0:
                state[nxt] = 1
                stack.append((nxt, iter(deps[nxt])))
    return order
