"""Autofix: rewrite what can be rewritten, as libcst replacements that keep every comment and blank line.

A fix is a function of the node as the transformer sees it after its children were fixed, so fixes nest
(`time.sleep()` inside a dropped coroutine call gets both). The catalogue says whether a rule's fix is safe
(`--fix`) or unsafe (`--unsafe-fixes`); the Fixer decides, per finding, whether its shape allows one.
"""
from __future__ import annotations

from typing import Callable, Dict, List, Optional, Sequence, Set, Tuple, Union

import libcst as cst

from asynccheck import rules
from asynccheck.lint import interactive, kept_generators, knowledge, plain_callbacks
from asynccheck.lint.builder import CallSite
from asynccheck.lint.context import FileContext, RawFinding
from asynccheck.lint.coroutines import mapping, slot_of
from asynccheck.lint.scope import REF

OFFLOAD = {"ACK102", "ACK103", "ACK104", "ACK105", "ACK106", "ACK107", "ACK109", "ACK110"}
TASKS_SET = "_background_tasks"


class Fixer:
    def __init__(self, ctx: FileContext):
        self.ctx = ctx
        self.sites: Dict[int, CallSite] = {id(site.node): site for site in ctx.calls}

    # -- which findings have a fix -------------------------------------------------------------------------
    def applicable(self, finding: RawFinding) -> bool:
        return self.edit_for(finding.code, finding.node) is not None

    def edit_for(self, code: str, node: cst.CSTNode) -> Optional[str]:
        rule = rules.BY_CODE[code]
        if rule.fix is None:
            return None
        if code in ("ACK601", "ACK602"):
            # (a handler that already ends in `raise` swallows on a branch that leaves before it, `if
            # isinstance(exc, CancelledError): return`: another raise at the end would change nothing)
            return "reraise" if type(node) is cst.ExceptHandler and type(node.body) is cst.IndentedBlock \
                and not _ends_in_raise(node.body) else None
        site = self.sites.get(id(node))
        if site is None or not site.scope.runs_on_loop:
            return None
        if code == "ACK101":  # (a helper's call or a partial's, `pause()`, sleeps with arguments written elsewhere)
            target = self.ctx.target_of(site)
            # (an allow-list: a new table's sleep in milliseconds must not become a 1000x longer asyncio.sleep)
            return "sleep" if target in knowledge.SECONDS_SLEEPS else None
        if code == "ACK301":
            # (not where the call is fine and what it is given is wrong: `fut.add_done_callback(async_fn)`)
            # (nor `list(map(coroutine_function, items))` or a bare `map(...)`: awaiting is no fix, gathering is)
            return "await" if site.dropped and site.assigned is None and slot_of(self.ctx, site) is None \
                and not mapping(self.ctx, site) and not self._gives_plain_helper(site) else None
        if code == "ACK302":
            # (a gather wants `await`; `loop.call_soon(asyncio.create_task, coro)` returns a handle, not the task;
            # `list(map(asyncio.create_task, coros))` a collection of tasks, which a set of tasks cannot hold)
            return "keep" if site.dropped and site.assigned is None and type(site.statement) is cst.Expr \
                and self.ctx.target_of(site) != "asyncio.gather" and not mapping(self.ctx, site) \
                and self.ctx.target_of(site) not in knowledge.LOOP_CALLBACK_ENTRY else None
        if code in OFFLOAD and (self.ctx.target_of(site) or "").startswith(interactive.THREAD_AFFINE):
            return None  # (`root.mainloop()` on a worker thread fails: Tk stays on its own thread)
        if code in OFFLOAD and kept_generators.advances(site, self.ctx.target_of(site)):
            return None  # (`to_thread(next, gen)` turns the generator's end, StopIteration, into a TypeError)
        if code in OFFLOAD and _simple_use(site) and not self._file_method(site) \
                and self.ctx.loop_callback(site.scope, site.node) is None:  # (`loop.call_later(1, poll)`: poll blocks)
            return "offload"
        return None

    def _gives_plain_helper(self, site: CallSite) -> bool:
        """`call_it(app.refresh)`: a sync function of the module handed a coroutine function it calls plainly
        (plain_callbacks): what is given is wrong, not the call."""
        target = self.ctx.target_of(site)
        callee = self.ctx.functions.get(target) if target is not None else None
        return callee is not None and not callee.is_async and any(plain_callbacks.given_as_plain(self.ctx, site))

    def _file_method(self, site: CallSite) -> bool:
        """`fh.read()`: offloading one call on a file leaves its open() and the rest of its use on the loop; the
        whole block belongs in a thread, which is not a one-line edit."""
        target = self.ctx.target_of(site)
        return target is not None and target.rpartition(".")[0] in knowledge.FILE_TYPES

    # -- applying them -------------------------------------------------------------------------------------
    def apply(self, tree: cst.Module, targets: Sequence[Tuple[str, cst.CSTNode]], unsafe: bool) -> Tuple[cst.Module, int]:
        """The module with fixes for ``targets`` (code, node) applied; and how many were applied."""
        edits: Dict[int, str] = {}
        for code, node in targets:
            if rules.BY_CODE[code].fix == "unsafe" and not unsafe:
                continue
            edit = self.edit_for(code, node)
            if edit is not None and id(node) not in edits:
                edits[id(node)] = edit
        if not edits:
            return tree, 0
        asyncio_name = self._asyncio_name()
        lines = _statement_lines(tree, {id(self.sites[k].statement) for k, e in edits.items() if e == "keep"})
        transformer = _Apply(edits, asyncio_name or "asyncio", lines, self._task_name)
        fixed = tree.visit(transformer)
        if transformer.needs_asyncio and asyncio_name is None:
            fixed = _add_module_statement(fixed, cst.parse_statement("import asyncio\n"))
        if transformer.needs_tasks_set and TASKS_SET not in self.ctx.root.bindings:
            fixed = _add_module_statement(
                fixed, cst.parse_statement(f"{TASKS_SET}: set = set()  # keeps background tasks alive until done\n"),
                after_imports=True)
        return fixed, transformer.applied

    def _asyncio_name(self) -> Optional[str]:
        for name, bindings in self.ctx.root.bindings.items():
            if bindings and all(b[0] == "value" and b[1] == (REF, "asyncio") for b in bindings):
                return name
        return None

    def _task_name(self, statement: cst.CSTNode) -> str:
        site = next(s for s in self.ctx.calls if s.statement is statement)
        scope, name, n = site.scope, "task", 1
        while scope.lookup_scope(name) is not None:
            n += 1
            name = f"task_{n}"
        return name


def _simple_use(site: CallSite) -> bool:
    """`f(a)` as a statement, `x = f(a)`, or `return f(a)`: shapes where an awaited to_thread() is a drop-in."""
    stmt = site.statement
    if type(stmt) is cst.Expr:
        return stmt.value is site.node
    if type(stmt) is cst.Assign:
        return stmt.value is site.node
    if type(stmt) is cst.Return:
        return stmt.value is site.node
    return False


def _statement_lines(tree: cst.Module, statements: Set[int]) -> Dict[int, cst.CSTNode]:
    """The SimpleStatementLine around each small statement in ``statements`` (by id)."""
    if not statements:
        return {}
    found: Dict[int, cst.CSTNode] = {}

    class Find(cst.CSTVisitor):
        def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> bool:
            if len(node.body) == 1 and id(node.body[0]) in statements:
                found[id(node)] = node
            return False

    tree.visit(Find())
    return found


class _Apply(cst.CSTTransformer):
    def __init__(self, edits: Dict[int, str], asyncio_name: str, lines: Dict[int, cst.CSTNode],
                 task_name: Callable[[cst.CSTNode], str]):
        super().__init__()
        self.edits = edits
        self.asyncio = asyncio_name
        self.lines = lines
        self.task_name = task_name
        self.applied = 0
        self.needs_asyncio = False
        self.needs_tasks_set = False

    def on_leave(self, original: cst.CSTNode, updated: cst.CSTNode) -> Union[cst.CSTNode, cst.RemovalSentinel, cst.FlattenSentinel]:
        line = self.lines.get(id(original))
        if line is not None:
            return self._keep_task(original, updated)
        edit = self.edits.get(id(original))
        if edit is None or edit == "keep":  # "keep" rewrites the statement line around the call, above
            return updated
        self.applied += 1
        if edit == "await":
            return cst.Await(expression=updated)
        if edit == "sleep":
            self.needs_asyncio = True
            return cst.Await(expression=updated.with_changes(func=_attr(self.asyncio, "sleep")))
        if edit == "offload":
            self.needs_asyncio = True
            args = [cst.Arg(value=updated.func), *updated.args]
            return cst.Await(expression=cst.Call(func=_attr(self.asyncio, "to_thread"), args=args))
        if edit == "reraise":
            return _reraise(updated)
        return updated

    def _keep_task(self, original: cst.SimpleStatementLine, updated: cst.SimpleStatementLine) -> cst.FlattenSentinel:
        self.applied += 1
        self.needs_tasks_set = True
        name = self.task_name(original.body[0])
        call = updated.body[0].value
        first = updated.with_changes(body=[cst.Assign(targets=[cst.AssignTarget(cst.Name(name))], value=call)])
        rest = [
            cst.parse_statement(f"{TASKS_SET}.add({name})\n"),
            cst.parse_statement(f"{name}.add_done_callback({TASKS_SET}.discard)\n"),
        ]
        return cst.FlattenSentinel([first, *rest])


def _attr(base: str, name: str) -> cst.Attribute:
    return cst.Attribute(value=cst.Name(base), attr=cst.Name(name))


def _ends_in_raise(body: cst.IndentedBlock) -> bool:
    last = body.body[-1] if body.body else None
    return type(last) is cst.SimpleStatementLine and any(type(small) is cst.Raise for small in last.body)


def _reraise(handler: cst.ExceptHandler) -> cst.ExceptHandler:
    body = list(handler.body.body)
    last = body[-1] if body else None
    ends = (cst.Pass, cst.Return, cst.Continue, cst.Break)
    if type(last) is cst.SimpleStatementLine and len(last.body) == 1 and isinstance(last.body[0], ends):
        body[-1] = last.with_changes(body=[cst.Raise()])
    else:
        body.append(cst.SimpleStatementLine(body=[cst.Raise()]))
    return handler.with_changes(body=handler.body.with_changes(body=body))


def _add_module_statement(tree: cst.Module, statement: cst.BaseStatement, after_imports: bool = True) -> cst.Module:
    """Insert after the docstring, `from __future__` imports and (with ``after_imports``) the other imports."""
    body = list(tree.body)
    index = 0
    for i, stmt in enumerate(body):
        if type(stmt) is cst.SimpleStatementLine and stmt.body:
            small = stmt.body[0]
            if i == 0 and type(small) is cst.Expr and type(small.value) in (cst.SimpleString, cst.ConcatenatedString):
                index = i + 1
                continue
            if type(small) is cst.ImportFrom and small.module is not None and getattr(small.module, "value", "") == "__future__":
                index = i + 1
                continue
            if after_imports and type(small) in (cst.Import, cst.ImportFrom):
                index = i + 1
                continue
        break
    is_import = type(statement) is cst.SimpleStatementLine and type(statement.body[0]) in (cst.Import, cst.ImportFrom)
    if index and not is_import and not statement.leading_lines:
        statement = statement.with_changes(leading_lines=[cst.EmptyLine()])
    body.insert(index, statement)
    return tree.with_changes(body=body)


def fix_source(source: bytes, module: str, is_package: bool, enabled, known, project_roots,
               extra: Sequence[Tuple[int, str]] = (), unsafe: bool = False,
               where: Optional[Callable[[str, Tuple[int, int, int, int]], bool]] = None) -> Tuple[Optional[str], int]:
    """The fixed text of one file and the number of fixes, or (None, 0) when nothing applies.

    ``extra`` adds findings the project index confirmed (call index, code); ``where`` (code, span with 0-based
    columns) picks some of them, as an editor fixing one finding does. Raises SyntaxError when the result
    would not compile, so a broken fix is never written.
    """
    from asynccheck.lint.engine import check_tree, decode, noqa_lines, silenced
    from asynccheck.lint.positions import spans_of

    text = decode(source)
    tree = cst.parse_module(text)
    ctx = check_tree(tree, module, is_package, enabled, known, project_roots)
    judged = {id(r.node): r.judged_with for r in ctx.findings if r.judged_with}
    targets = [(r.code, r.node) for r in ctx.findings]
    targets += [(code, ctx.calls[i].node) for i, code in extra if i < len(ctx.calls)]
    noqa = noqa_lines(text)
    if noqa or where is not None:
        spans = spans_of(tree, [node for _, node in targets] + [n for nodes in judged.values() for n in nodes])

        def silent(code: str, node: cst.CSTNode) -> bool:  # as the report decides (engine.to_findings)
            others = judged.get(id(node), ())
            return silenced(noqa, spans[id(node)][0], code) or bool(others) and all(
                id(n) in spans and silenced(noqa, spans[id(n)][0], code) for n in others)

        targets = [(c, n) for c, n in targets if id(n) in spans and not silent(c, n)
                   and (where is None or where(c, spans[id(n)]))]
    fixed, applied = Fixer(ctx).apply(tree, targets, unsafe)
    if not applied:
        return None, 0
    code = fixed.code
    compile(code, module, "exec", dont_inherit=True)
    return code, applied


class FileFix:
    """One file's fix: its path, the text before and after, how many fixes, or why it was refused."""

    def __init__(self, path: str, before: str, after: Optional[str], applied: int, error: str = ""):
        self.path, self.before, self.after, self.applied, self.error = path, before, after, applied, error

    def diff(self) -> str:
        import difflib

        if self.after is None:
            return ""
        return "".join(difflib.unified_diff(
            self.before.splitlines(keepends=True), self.after.splitlines(keepends=True),
            fromfile=f"a/{self.path}", tofile=f"b/{self.path}"))


def fix_run(run, report, unsafe: bool) -> List[FileFix]:
    """Fixes for every file of a finished lint ``Run`` whose ``report`` has findings with an allowed fix."""
    from asynccheck.lint.engine import decode

    allowed = {"safe", "unsafe"} if unsafe else {"safe"}
    wanted = {f.path for f in report.findings if f.fixable and rules.BY_CODE[f.code].fix in allowed}
    fixes: List[FileFix] = []
    for path, source, module, is_package in run.items:
        if path not in wanted:
            continue
        before = decode(source)
        enabled = run.config.codes_for(path)
        try:
            after, applied = fix_source(source, module, is_package, enabled, run.known, run.roots,
                                        run.confirmed.get(path, ()), unsafe)
        except SyntaxError as exc:
            fixes.append(FileFix(path, before, None, 0, f"fix refused: the result would not compile ({exc.msg})"))
            continue
        if after is not None and after != before:
            fixes.append(FileFix(path, before, after, applied))
    return fixes


def write(fix: FileFix, source: bytes) -> None:
    """Write the fixed text back in the file's own encoding."""
    import io
    import tokenize

    encoding, _ = tokenize.detect_encoding(io.BytesIO(source).readline)
    data = fix.after.encode("utf-8" if encoding == "utf-8-sig" else encoding)
    if encoding == "utf-8-sig":
        data = b"\xef\xbb\xbf" + data
    with open(fix.path, "wb") as fh:
        fh.write(data)
