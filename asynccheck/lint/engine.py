"""Checking one file: parse once, build scopes once, run every rule family, position only what is reported."""
from __future__ import annotations

import io
import tokenize
import traceback
from typing import Callable, Dict, FrozenSet, Iterable, List, Optional, Tuple

from asynccheck.findings import FileError, Finding, Related
from asynccheck.suppressions import noqa_lines, silenced, skips_file  # noqa: F401 - lint.run and fix use them here
from asynccheck.lint.facts import SHADOW, shown
from asynccheck.lint.results import FileResult, Knowledge

# Families in the order they run (locks first: it marks `lock.acquire()` calls that ACK106 must not repeat).
FAMILIES: Tuple[Tuple[str, Tuple[str, ...]], ...] = (
    ("asynccheck.lint.locks", ("ACK201",)),
    ("asynccheck.lint.blocking", ("ACK101", "ACK102", "ACK103", "ACK104", "ACK105", "ACK106", "ACK107", "ACK108", "ACK109", "ACK110")),
    ("asynccheck.lint.coroutines", ("ACK301",)),
    ("asynccheck.lint.tasks", ("ACK302", "ACK502")),
    ("asynccheck.lint.threads", ("ACK401", "ACK402")),
    ("asynccheck.lint.queues", ("ACK501",)),
    ("asynccheck.lint.cancellation", ("ACK601", "ACK602")),
)



def decode(source: bytes) -> str:
    """Source text as Python reads it (PEP 263 encoding declarations, BOM)."""
    encoding, _ = tokenize.detect_encoding(io.BytesIO(source).readline)
    text = source.decode(encoding)
    return text[1:] if text.startswith("\ufeff") else text


def analyze(source: bytes, path: str, module: str, is_package: bool, enabled: FrozenSet[str], known: Knowledge,
            project_roots: FrozenSet[str], locate_candidates: bool = False, facts: Optional[dict] = None,
            live=None, trees: Optional[dict] = None, parsed: Optional[Callable[[], None]] = None,
            confirms: Optional[Callable[[FileResult], bool]] = None,
            exported: Optional[FileResult] = None) -> FileResult:
    """Check one file; never raises for a bad input file (the problem is in ``FileResult.error``).

    ``locate_candidates``: also position every candidate (in the same pass as the findings), so that a run
    over named files need not parse the file again for the ones the project index confirms. ``facts``: what
    other modules say about the values this one imports (see ``interface``); ``live``: a function that
    answers such questions as they come; ``trees``: parsed modules by path, to take this file's from (a check
    again with more facts need not parse again) and to leave it in; ``parsed``: called once the file is parsed,
    before it is checked (lint.run takes the tree out of the garbage collector's walks there); ``confirms``: does
    the project index, as far as it is known, confirm some of the file's candidates (they are then positioned now,
    as with ``locate_candidates``, instead of by a second parse once the index is complete)? ``exported``: an
    earlier check of this file, whose exports (``_EXPORTED``) are taken instead of worked out again."""
    result = FileResult(path=path, module=module)
    try:
        text = decode(source)
    except (SyntaxError, UnicodeDecodeError, LookupError) as exc:
        result.error = FileError(path, f"cannot decode: {exc}", kind="read")
        return result
    if skips_file(text):
        return result
    try:
        import libcst

        tree = trees.get(path) if trees is not None else None
        if tree is None:
            tree = libcst.parse_module(text)
            if parsed is not None:
                parsed()
            if trees is not None:
                trees[path] = tree
    except RecursionError:
        result.error = FileError(path, "too deeply nested to parse", kind="parse")
        return result
    except Exception as exc:  # libcst raises ParserSyntaxError, and occasionally others, for invalid input
        result.error = _parse_error(path, text, exc)
        return result
    from asynccheck.lint.builder import forget_walks

    try:
        _check(tree, text, result, is_package, enabled, known, project_roots, locate_candidates, facts, live,
               confirms, exported)
    except RecursionError:
        result.error = FileError(path, "too deeply nested to analyse", kind="parse")
    except Exception:  # a bug in asynccheck: report it and let the other files be checked
        result.error = FileError(path, "internal error: " + traceback.format_exc(limit=-3).strip(), kind="internal")
    finally:
        forget_walks()  # (the walks hold this file's tree)
    return result


def _parse_error(path: str, text: str, exc: Exception) -> FileError:
    """Python's own message where it has one: libcst's parser errors point at odd places."""
    import ast

    try:
        ast.parse(text)
    except SyntaxError as err:
        return FileError(path, f"syntax error: {err.msg}", err.lineno or 0, err.offset or 0, kind="parse")
    except (ValueError, RecursionError, MemoryError) as err:
        return FileError(path, f"cannot parse: {err}", kind="parse")
    line, column = getattr(exc, "raw_line", 0), getattr(exc, "raw_column", 0)
    message = getattr(exc, "message", None) or (str(exc).splitlines() or [type(exc).__name__])[0]
    return FileError(path, f"libcst cannot parse this file: {message}", line, column + 1 if line else 0, kind="parse")


def check_tree(tree, module: str, is_package: bool, enabled: FrozenSet[str], known: Knowledge,
               project_roots: FrozenSet[str], facts: Optional[dict] = None, live=None):
    """Build the scopes of a parsed module and run every enabled rule family: the FileContext, with the raw
    findings (nodes, not positions). The autofix works on this too."""
    import importlib

    from asynccheck.lint import coroutine_returners, decorators
    from asynccheck.lint.builder import ScopeBuilder, forget_walks
    from asynccheck.lint.context import FileContext
    from asynccheck.lint.interface import Foreign, own_names

    forget_walks()  # (another file's walks, if a caller checked one before without analyze)
    builder = ScopeBuilder(module, is_package, shadowed(project_roots))
    root = builder.build(tree)
    ctx = FileContext(builder, root, enabled, known, project_roots)
    starred = tuple(builder.star_imports)
    root.foreign = Foreign(module, ctx.project_roots, facts, live,
                           own_names(module, root.bindings, root.defs) if is_package or starred else None, starred)
    ctx.schedules_without_loop = _run_by_own_scheduler(builder, root, module)
    decorators.resolve(ctx)
    coroutine_returners.mark(ctx)
    for module_name, codes in FAMILIES:
        if enabled.intersection(codes):
            importlib.import_module(module_name).check(ctx)
    return ctx


def _run_by_own_scheduler(builder, root, module: str) -> bool:
    """A module of a project whose coroutines a scheduler module of its own runs without a loop (trampolines.py),
    importing no async framework itself: its coroutines are jobs of that scheduler, not code on a loop. Returns
    whether this module is such a scheduler (exported to the others by ``_check``)."""
    from asynccheck.lint.trampolines import SCHEDULER, imports_framework, schedules_without_loop

    scheduler = schedules_without_loop(builder.scopes)
    if root.loopless or not any(s.kind == "function" and s.is_async for s in builder.scopes):
        return scheduler
    if scheduler:
        root.loopless = True
    elif not imports_framework(builder.scopes, aio_libraries=True) \
            and root.foreign.fact(f"{module.split('.')[0]}.{SCHEDULER}", None) is not None:
        root.loopless = True
    return scheduler


def shadowed(project_roots: FrozenSet[str]) -> FrozenSet[str]:
    """The library names the project's own top-level modules take (see facts.SHADOW)."""
    return frozenset(root[len(SHADOW):] for root in project_roots if root.startswith(SHADOW))


def _check(tree, text: str, result: FileResult, is_package: bool, enabled: FrozenSet[str], known: Knowledge,
           project_roots: FrozenSet[str], locate_candidates: bool = False, facts: Optional[dict] = None,
           live=None, confirms: Optional[Callable[[FileResult], bool]] = None,
           exported: Optional[FileResult] = None) -> None:
    from asynccheck.lint import blocking, fix, interface
    from asynccheck.lint.scope import REF

    ctx = check_tree(tree, result.module, is_package, enabled, known, project_roots, facts, live)
    builder, root = ctx.builder, ctx.root
    result.defs = dict(root.defs)
    result.decorators, result.decorated = ctx.decorator_effects, ctx.decorated
    result.bases = {
        cls: tuple(v[1] for v in (outer.evaluate(b) for b in bases) if v is not None and v[0] == REF)
        for cls, (outer, bases) in builder.bases.items()
    }
    for name, bindings in root.bindings.items():
        if len(bindings) == 1 and bindings[0][0] == "value" and bindings[0][1] is not None:
            target = bindings[0][1][1]
            if target != f"{result.module}.{name}":
                result.aliases[f"{result.module}.{name}"] = target
    if builder.star_imports:
        result.stars = {result.module: tuple(builder.star_imports)}
    result.summaries = blocking.summarize(ctx)
    result.asked = root.foreign.asked
    result.facts = root.foreign.used
    if exported is None:
        _export(ctx, result, text)
    else:  # checked again with facts: what it exports does not depend on them (see interface.exports)
        interface.forget_facts(root, ctx.scopes)
        for name in _EXPORTED:
            setattr(result, name, getattr(exported, name))
    result.candidates = ctx.candidates
    result.noqa = noqa_lines(text)
    fixes = fix.Fixer(ctx)
    spans = None
    # one code generation pass for the findings and the candidates
    if ctx.candidates and (locate_candidates or (confirms is not None and confirms(result))):
        from asynccheck.lint.positions import spans_of

        extra = [builder.node_at(c.index) for c in ctx.candidates]
        spans = spans_of(tree, [*_nodes_of(ctx.findings), *extra])
        result.located = _candidate_spans(ctx.candidates, extra, fixes, spans)
    result.findings = to_findings(tree, ctx.findings, result.path, result.noqa, fixes.applicable, spans)


# What a check works out after its findings, for the other modules: the facts it was given play no part in them.
_EXPORTED = ("types", "relied_names", "properties", "memoised")


def _export(ctx, result: FileResult, text: str) -> None:
    from asynccheck.lint import (blocking, blocking_shapes, callbacks, cancellation, coroutines, interface, locks,
                                 properties, protocols, queues, runners, sync_wrappers, task_roots, tasks, threads,
                                 types)
    from asynccheck.lint.trampolines import SCHEDULER

    root = ctx.root
    result.types = interface.exports(root, ctx.scopes)
    if ctx.schedules_without_loop:
        result.types[f"{result.module.split('.')[0]}.{SCHEDULER}"] = ("scheduler", result.module)
    result.types.update(tasks.task_factories(ctx))
    # (after exports, like them worked out without the facts)
    result.types.update(locks.exported_holders(ctx))
    result.types.update(tasks.exported_spawners(ctx))
    result.types.update(tasks.exported_describers(ctx))
    result.types.update(threads.exported_registrations(ctx))
    result.types.update(threads.exported_background_loops(ctx))
    result.types.update(threads.exported_touches(ctx))
    result.types.update(queues.exported_makers(ctx))
    result.types.update(queues.exported_constants(ctx))
    result.types.update(queues.exported_puts(ctx))
    result.types.update(properties.exported_early_uses(root, ctx.calls))
    result.types.update(properties.exported_fillers(root))
    result.types.update(properties.exported_prefilled_methods(root))
    result.types.update(queues.exported_size_waits(ctx))
    result.types.update(blocking.exported_sockets(root))
    result.types.update(queues.exported_sizes_given(ctx))
    result.types.update(types.exported_given(ctx))
    result.types.update(cancellation.exported_catchers(root))
    result.types.update(callbacks.exported_forwarders(root))
    result.types.update(cancellation.exported_cancellers(ctx))
    result.types.update(cancellation.exported_narrowers(ctx))
    result.types.update(blocking_shapes.exported_ready_tests(ctx))
    result.types.update(cancellation.exported_reporters(ctx))
    result.types.update(coroutines.exported_result_params(ctx))
    result.types.update(task_roots.exported_handle_waits(ctx))
    result.relied_names = cancellation.exported_relied(ctx)
    result.types.update(protocols.exported(root.classes.values()))
    result.types.update(runners.exported(ctx))
    result.types.update(sync_wrappers.exported(root, text))
    result.properties = properties.defined(root)
    result.memoised = properties.memoised(root)


def _candidate_spans(candidates, nodes, fixes, spans) -> Dict[int, tuple]:
    """call index -> (span, {code it may be confirmed as: fixable}), the way ``locate`` gives them."""
    codes = {"coroutine": ("ACK301",), "task": ("ACK302",), "helper": dict(FAMILIES)["asynccheck.lint.blocking"],
             "thread-callback": ("ACK401",)}
    out: Dict[int, tuple] = {}
    for cand, node in zip(candidates, nodes):
        if id(node) in spans and cand.kind in codes:  # one call can be a candidate of both kinds
            fixable = out.setdefault(cand.index, (spans[id(node)], {}))[1]
            fixable.update((code, fixes.edit_for(code, node) is not None) for code in codes[cand.kind])
    return out


def _nodes_of(raw: list) -> list:
    return [r.node for r in raw] + [node for r in raw for node, _ in r.related] + \
        [node for r in raw for node in r.judged_with]


def to_findings(tree, raw: list, path: str, noqa, fixable=lambda r: False, spans=None) -> List[Finding]:
    if not raw:
        return []
    if spans is None:
        from asynccheck.lint.positions import spans_of

        spans = spans_of(tree, _nodes_of(raw))
    out: List[Finding] = []
    for r in raw:
        line, col, end_line, end_col = spans[id(r.node)]
        if r.keyword_width:
            end_line, end_col = line, col + r.keyword_width
        if silenced(noqa, line, r.code) or (r.judged_with and all(
                id(n) in spans and silenced(noqa, spans[id(n)][0], r.code) for n in r.judged_with)):
            continue
        related = tuple(Related(path, spans[id(n)][0], text) for n, text in r.related if id(n) in spans)
        if related:
            where = "; ".join(f"{rel.message}: line {rel.line}" for rel in related)
            message = f"{r.message} ({where})"
        else:
            message = r.message
        message = shown(message)
        out.append(Finding(r.code, path, line, col + 1, message, end_line, end_col + 1, related=related,
                           fixable=fixable(r)))
    return out


def locate(source: bytes, module: str, is_package: bool, wanted: Iterable[Tuple[int, str]]) -> Dict[int, tuple]:
    """Phase two, for candidates the project index confirmed: index -> (span, fixable) of each call."""
    import libcst

    from asynccheck.lint.builder import ScopeBuilder
    from asynccheck.lint.context import FileContext
    from asynccheck.lint.fix import Fixer
    from asynccheck.lint.positions import spans_of

    tree = libcst.parse_module(decode(source))
    builder = ScopeBuilder(module, is_package)
    root = builder.build(tree)
    fixer = Fixer(FileContext(builder, root, frozenset(), Knowledge(), frozenset()))
    nodes = {i: (builder.node_at(i), code) for i, code in wanted if -len(builder.reads) <= i < len(builder.calls)}
    spans = spans_of(tree, [node for node, _ in nodes.values()])
    return {i: (spans[id(node)], fixer.edit_for(code, node) is not None) for i, (node, code) in nodes.items()
            if id(node) in spans}
