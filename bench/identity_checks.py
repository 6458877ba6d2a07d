"""Rewrite `isinstance(x, cst.Call)` as `type(x) is cst.Call` (a tuple of such classes: `type(x) in (...)`) in
the linter's modules, for libcst node classes that nothing subclasses.

    python bench/identity_checks.py asynccheck/lint/*.py

isinstance against libcst's classes goes through ABCMeta.__instancecheck__, a Python-level call per test; the
rules make millions of them on the lint_bench corpus. The answer is the same while no class subclasses the one
compared (tests/lint/test_engine_speed_assumptions.py checks every class the linter compares by identity).
Left alone: abstract classes (`cst.BaseExpression`), names other than `cst.X`, a test that is an operand of a
comparison or an arithmetic operator, and one spread over several lines. Prints what it changed and skipped.
"""
from __future__ import annotations

import ast
import inspect
import sys

import libcst as cst


def _concrete(name: str) -> bool:
    cls = getattr(cst, name, None)
    return (inspect.isclass(cls) and issubclass(cls, cst.CSTNode) and not inspect.isabstract(cls)
            and not name.startswith("Base") and not cls.__subclasses__())


def _class_ok(node: ast.AST) -> bool:
    return (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "cst"
            and _concrete(node.attr))


def rewrite(src: str, path: str = "") -> tuple:
    tree = ast.parse(src)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    lines = src.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(lineno: int, col: int) -> int:  # ast columns count UTF-8 bytes
        return starts[lineno - 1] + len(lines[lineno - 1].encode()[:col].decode())

    edits = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "isinstance"
                and len(node.args) == 2 and not node.keywords):
            continue
        subject, classes = node.args
        if _class_ok(classes):
            op = "is"
        elif isinstance(classes, ast.Tuple) and classes.elts and all(_class_ok(e) for e in classes.elts):
            op = "in"
        else:
            continue
        parent = parents.get(node)
        negated = isinstance(parent, ast.UnaryOp) and isinstance(parent.op, ast.Not)
        if isinstance(parent, (ast.Compare, ast.BinOp, ast.Attribute, ast.Subscript)) or \
                (isinstance(parent, ast.UnaryOp) and not negated):
            print(f"skipped (operand) {path}:{node.lineno}")
            continue
        subject_text, classes_text = ast.get_source_segment(src, subject), ast.get_source_segment(src, classes)
        if "\n" in subject_text or "\n" in classes_text:
            print(f"skipped (several lines) {path}:{node.lineno}")
            continue
        span = parent if negated else node
        op = ("is not" if op == "is" else "not in") if negated else op
        edits.append((offset(span.lineno, span.col_offset), offset(span.end_lineno, span.end_col_offset),
                      f"type({subject_text}) {op} {classes_text}"))
    for start, end, text in sorted(edits, reverse=True):
        src = src[:start] + text + src[end:]
    return src, len(edits)


def main(paths) -> int:
    total = 0
    for path in paths:
        with open(path) as fh:
            src, count = rewrite(fh.read(), path)
        if count:
            with open(path, "w") as fh:
                fh.write(src)
            print(f"{path}: {count}")
        total += count
    print(f"{total} tests rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
