"""Write docs/rules/*.md from the catalogue (asynccheck/rules.py).

    python docs/generate.py          # write the pages
    python docs/generate.py --check  # exit 1 and name the stale pages
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Dict, List, Tuple

from asynccheck import rules

HERE = Path(__file__).resolve().parent
RULES_DIR = HERE / "rules"


def engines(rule: rules.Rule) -> str:
    names = [name for name, on in (("linter (`asynccheck lint`)", rule.linter), ("runtime checker (`asynccheck run`)", rule.runtime)) if on]
    return " and ".join(names)


def silencing(rule: rules.Rule) -> str:
    lines = []
    if rule.linter:
        lines.append(f"- on one line: `# noqa: {rule.code}` at the end of the reported line;")
        if rule.peers:
            peers = ", ".join(f"`{p}`" for p in rule.peers)
            names = ", ".join(f"`{n}`" for n, p in sorted(rules.PEER_NAMES.items()) if p in rule.peers)
            named = f", or ruff's rule name {names} in a `# ruff: ignore[...]`" if names else ""
            lines.append(f"- a `# noqa` with another linter's code for the same diagnosis ({peers}: flake8-async's "
                         f"and ruff's{named}) silences it too, so a project moving to asynccheck keeps the lines it "
                         "judged (see [configuration](../configuration.md#in-the-code));")
        lines.append(f"- in one file: `per-file-ignores = {{\"path/to/file.py\" = [\"{rule.code}\"]}}` in `[tool.asynccheck]`;")
    if rule.runtime:
        lines.append(f"- for one run of the runtime checker: `asynccheck run --ignore {rule.code} app.py`;")
    lines.append(f"- everywhere: `ignore = [\"{rule.code}\"]` in `[tool.asynccheck]`.")
    return "\n".join(lines)


def _names(names, call: bool = False) -> str:
    from asynccheck.lint import knowledge

    # an attribute that holds an instance (`proc.stdout`) is read, not called; so is a maker that starts with a
    # placeholder (`<model>.objects`) and an item of a registry (`plumbum.local[...]`)
    # and a call shown with the argument that decides what it makes (`write_api(write_options=SYNCHRONOUS)`)
    read = {n for n in names if n in knowledge.PROPERTIES or n.startswith("<") or n.endswith(("]", ")"))}
    return ", ".join(f"`{n}{'()' if call and n not in read else ''}`"
                     for n in names)


def known_calls(rule: rules.Rule) -> str:
    """The linter's table for a blocking-call rule: what it reports, by function and by type and method."""
    from asynccheck.lint import knowledge

    if rule.category != "blocking-call" or not rule.linter:
        return ""
    ref = knowledge.reference(rule.code)
    if not (ref["functions"] or ref["types"] or ref["lazy"] or ref["command_modules"] or ref["families"]):
        return ""
    parts = ["\n## What the linter reports\n"]
    if ref["functions"]:
        parts.append(f"Calls of {_names(ref['functions'], call=True)}.\n")
    if ref["types"]:
        parts.append("Methods of objects, by type. A value has the type when an annotation says so (a parameter, a "
                     "variable, a class attribute or a dataclass field; also as the element of a declared "
                     "collection, `dict[str, requests.Session]`, or as the type argument of a generic class of the "
                     "project, in this module or another: `pool.take()` with `pool: Pool[requests.Session]`, "
                     "`Pool(requests.Session())`, `class SessionPool(Pool[requests.Session])`, through any number of "
                     "generic bases, or of a library's generic whose attribute holds it: `info.context` with `info: "
                     "strawberry.Info[Context, None]`, pydantic-ai's `ctx.deps`, discord.py's `ctx.bot`), or when it "
                     "is made by one of the calls listed beside the type.\n")
        parts.append("| types | made by | what blocks |\n|---|---|---|")
        rows: Dict[str, tuple] = {}  # what blocks -> (types, made by): types that block alike share a row
        for name, made_by, methods, all_but, iterated in ref["types"]:
            if all_but is not None:
                what = "every public method" + (f" but {_names(all_but)}" if all_but else "")
            else:
                what = _names(methods)
            if iterated:
                what += ("; " if what else "") + "iterating it (`for x in obj`)"
            if name in knowledge.TYPE_NOTES:
                what += f" ({knowledge.TYPE_NOTES[name]})"
            if name in knowledge.ONLY_FROM_CALLS:
                made = name.rpartition(".")[2]
                what += (" (on an object one of these calls made, or a coroutine's parameter declared to be one; "
                         f"not on one made with `{made}()` or an attribute only declared to be one)")
            names, makers = rows.get(what, ([], []))
            rows[what] = (names + [name], makers + [m for m in made_by if m not in makers])
        for what, (names, makers) in rows.items():
            parts.append(f"| {_names(names)} | {_names(makers, call=True) or '-'} | {what} |")
        parts.append("")
    if ref["stream_functions"]:
        parts.append(f"Calls of {_names(ref['stream_functions'], call=True)} handed one of "
                     f"{_names(ref['streams'])} to read or write (`json.load(fh)`, `print(line, file=fh)`).\n")
    if ref["command_modules"]:
        parts.append(f"Calls of anything under {_names(ref['command_modules'])}: each attribute there is a program, "
                     "run to completion when called (`sh.git.pull()`, `from plumbum.cmd import git`).\n")
    for root, suffixes, twins in ref["families"]:
        parts.append(f"Methods of the sync clients of the `{root}` SDKs that no row above lists: any class under "
                     f"`{root}.` whose name ends in {' or '.join(f'`{s}`' for s in suffixes)} and whose module is not "
                     f"their async twins' `{twins}` (there the same methods are coroutine functions: ACK301 when "
                     "one is dropped). Every public method of a client but its handles on sub-resources "
                     "(`get_*_client`, themselves clients), its lazy listings (`list_*`), its constructors "
                     "(`from_*`, which make that client: `from_connection_string`, `from_*_url`) and settings, also through a management client's operation groups "
                     "(`compute.virtual_machines.get(...)`); a credential's `get_token`.\n")
    if ref["lazy"]:
        parts.append(f"Reported only where their result is iterated on the loop's thread (they make generators): "
                     f"{_names(ref['lazy'], call=True)}.\n")
    parts.append("Aliases and subclasses count as the names above (`smtplib.SMTP_SSL` is an `smtplib.SMTP`); a call "
                 "whose arguments say it does not wait (`timeout=0`, `block=False`) is not reported. Add your own "
                 "blocking callables with `blocking-calls` in `[tool.asynccheck]`.\n")
    parts.append("Besides coroutines, the linter checks the sync code the loop runs on its thread: a protocol's "
                 "callbacks (`data_received`), functions handed to `loop.call_soon()`, `loop.call_later()` or "
                 "`add_done_callback()`, and plain route handlers a framework calls on the loop (Litestar's declared "
                 "`sync_to_thread=False`, Sanic's; FastAPI, Starlette and Quart run theirs in a thread pool). "
                 "Nothing can be awaited there, so the message says to hand the call to "
                 "`loop.run_in_executor(...)` or a thread (or to schedule the work) instead.")
    return "\n".join(parts) + "\n"


def loop_only_calls(rule: rules.Rule) -> str:
    """The library callbacks the linter knows may only run on the loop's thread, for the rule that reports them."""
    from asynccheck.lint import knowledge

    if rule.code != "ACK402" or not knowledge.LOOP_ONLY_CALLS:
        return ""
    rows = "\n".join(f"| `{name}()` | {twin} |" for name, twin in sorted(knowledge.LOOP_ONLY_CALLS.items()))
    return ("\n## Library calls the linter knows\n\nBesides the loop's own methods, these library callbacks may only "
            "run on the loop's thread; from another thread, use the way beside each.\n\n"
            f"| callable | from another thread |\n|---|---|\n{rows}\n")


def thread_entries(rule: rules.Rule) -> str:
    """The library code the linter knows runs what it is handed on another thread, for the rule that reports it."""
    from asynccheck.lint import threads

    if rule.code != "ACK401":
        return ""
    rows: Dict[Tuple[str, str], List[str]] = {}  # (what runs, where) -> the library's names that run it so
    for name, what, where in threads.reference():
        rows.setdefault((what, where), []).append(name)
    lines = "\n".join(f"| {', '.join(names)} | {what} | {where} |" for (what, where), names in rows.items())
    return ("\n## Library code the linter knows\n\nBesides threads the program starts (`threading.Thread(target=...)`, "
            "executors, `asyncio.to_thread`), this library code runs what it is handed on a thread of its own, "
            "where the loop's objects may not be touched.\n\n"
            f"| library | what of the program's runs there | where |\n|---|---|---|\n{lines}\n")


def rule_page(rule: rules.Rule) -> str:
    fix = {None: "no automatic fix", "safe": f"safe fix: {rule.fix_title}", "unsafe": f"unsafe fix (`--unsafe-fixes`): {rule.fix_title}"}[rule.fix]
    return f"""# {rule.code} {rule.name}

<!-- generated by docs/generate.py from asynccheck/rules.py: edit the catalogue, not this page -->

Category: `{rule.category}` · found by the {engines(rule)} · {"on" if rule.default else "off"} by default · {fix}

## What it does
{rule.summary[0].upper()}{rule.summary[1:]}.

## Why is this bad?
{rule.rationale}

## Example
```python
{rule.bad.rstrip()}
```

## Use instead
```python
{rule.good.rstrip()}
```
{known_calls(rule)}{loop_only_calls(rule)}{thread_entries(rule)}
## How to silence it
{silencing(rule)}
"""


def index_page() -> str:
    rows = "\n".join(
        f"| [{r.code}]({r.code}.md) | {r.name} | {r.category} | {'lint' if r.linter else ''}{' + ' if r.linter and r.runtime else ''}{'runtime' if r.runtime else ''} | {'on' if r.default else 'off'} | {r.fix or '-'} | {r.summary} |"
        for r in rules.RULES
    )
    return f"""# Rules

<!-- generated by docs/generate.py from asynccheck/rules.py -->

One catalogue serves both engines: a finding has the same code whether the linter or the runtime saw it.
Select rules by code (`ACK101`), prefix (`ACK1`), name (`blocking-sleep`), category (`blocking-call`) or `ALL`.

| code | name | category | engines | default | fix | summary |
|---|---|---|---|---|---|---|
{rows}

## What the linter counts as the event loop's thread

The blocking rules (ACK1xx) look at code that runs on the loop's thread:
- coroutine and async generator bodies;
- sync functions they call, followed across the project's modules (the finding is at the call in the coroutine,
  and names the blocking line as related), and the `__init__` of a project class they construct (`Store(path)`
  that connects to a database); a method with nothing of its own to run (an abstract method, a hook whose body is
  `...`, `pass` or `raise NotImplementedError`) called on an object typed as its class (`backend: Backend`, then
  `backend.put(key, data)`) runs a subclass's override: it blocks when every override the project defines does
  (a disk backend and an HTTP one), and is left alone when one of them does not (an in-memory fake);
- the getters of the project's properties (`@property`, `functools.cached_property`, `reify`) that a coroutine
  reads: `self.template` runs the getter there, so a getter that reads a file is reported at the read ("reading
  `self.template` blocks the event loop: the property `Renderer.template` calls ..."), and so are the sync
  helpers that read one of this module's, on the paths that reach the read, as for a call: read in an `except`
  clause or past an `if ...: return`, the helper "may block on some of its paths"; read under a test of an
  argument (`if secure: return self.ssl_context`), a call that passes `False` is not reported. A property with a
  setter or a deleter is not followed (its bodies share one name). A getter that stores what it builds (`@cached_property`, `if self._x is None: self._x = ...`)
  works at the first read only: its reads are one finding, at the first read in the project when the whole tree
  is linted, at the first read of each file when files are named one by one (flake8, pre-commit, the language
  server: a file alone cannot tell whether another module reads the getter first). None at all when sync code
  fills the memo before the loop runs (`__init__`, or a setup method called at module level or before
  `asyncio.run()` in the same module);
- methods the loop calls as I/O happens: `connection_made`, `data_received`, `datagram_received`,
  `connection_lost`, ... of a subclass of an `asyncio` protocol class;
- callbacks handed to the loop: `loop.call_soon`, `call_soon_threadsafe`, `call_later`, `call_at`,
  `add_reader`, `add_writer`, `add_signal_handler`, and `add_done_callback` of an asyncio task or future (a
  lambda is checked in place; a named function is reported at the line that schedules it);
- lambdas called where they are written (`sorted(xs, key=lambda x: ...)`, `(lambda: ...)()`).

Code handed to another thread is not: `asyncio.to_thread`, `loop.run_in_executor`, `anyio.to_thread.run_sync`,
`threading.Thread(target=...)`, an executor's `submit`/`map`, a `concurrent.futures.Future`'s done callback; nor
a function handed in their arguments to library code that runs there (`Thread(target=sdk.run, args=(on_done,))`),
which calls it back on that thread (the thread rules ACK401/ACK402 check it as such); nor a function handed to a
helper of the project, in this module or another, that hands its parameter to one of them
(`def spawn(fn): Thread(target=fn).start()`).
"""


def pages() -> Dict[Path, str]:
    out = {RULES_DIR / f"{r.code}.md": rule_page(r) for r in rules.RULES}
    out[RULES_DIR / "index.md"] = index_page()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report stale pages instead of writing them")
    args = parser.parse_args()
    stale = []
    for path, text in pages().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            stale.append(path)
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    expected = set(pages())
    extra = [p for p in RULES_DIR.glob("*.md") if p not in expected]
    if args.check:
        for path in stale + extra:
            print(f"stale: {path.relative_to(HERE.parent)}")
        return 1 if stale or extra else 0
    for path in extra:
        path.unlink()
    print(f"wrote {len(stale)} page(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
