"""`asynccheck server`: the linter as a language server (LSP over stdio), for any editor with an LSP client.

A thin adapter from LSP to ``asynccheck.lint.buffer``, as flake8_plugin.py is from flake8. It needs pygls (the
``lsp`` extra); nothing else in asynccheck imports this module. The server lints the unsaved text of each open
document with the facts of its whole project, after a pause in typing, and offers the fixes and `# noqa`
comments as code actions.
"""
from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from asynccheck import __version__, rules
from asynccheck.config import ConfigError
from asynccheck.findings import Finding
from asynccheck.lint.buffer import BufferResult, Buffers, fix_text
from asynccheck.suppressions import _NOQA

RULE_DOCS = "https://github.com/asynccheck/asynccheck/blob/main/docs/rules/"  # + CODE.md
SOURCE = "asynccheck"
DEBOUNCE_SECONDS = 0.15  # within a burst of typing, a lint starts once the keys have been still this long
FIX_ALL_KIND = "source.fixAll.asynccheck"
_STACK_BYTES = 256 * 1024 * 1024  # the walkers recurse per nesting level: a worker thread needs a main thread's stack


class AsynccheckServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("asynccheck", __version__)
        self.buffers = Buffers()
        self.results: Dict[str, BufferResult] = {}  # uri -> the last lint of that document
        self.pending: Dict[str, asyncio.Task] = {}
        self.last_change: Dict[str, float] = {}  # uri -> event loop time of its last edit
        self.config_error: Optional[str] = None
        saved = threading.stack_size()
        threading.stack_size(_STACK_BYTES)
        try:
            # one worker: lints run in order, and a lint never races another over the cache's memory layer
            self.linter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="asynccheck-lint")
            self.linter.submit(lambda: None).result()  # start the thread while the big stack size is set
        finally:
            threading.stack_size(saved)

    # -- linting -------------------------------------------------------------------------------------------
    def schedule(self, uri: str, delay: float, edit: bool = False) -> None:
        """Lint ``uri`` after ``delay`` seconds, unless another change comes first. An ``edit`` after a quiet
        spell is linted at once: the first key of a burst costs a lint the next keys make stale (dropped, not
        published), but a single edit, the common case between pauses, gets its diagnostics a debounce sooner;
        the rest of the burst is debounced."""
        loop = asyncio.get_running_loop()
        if edit:
            now = loop.time()
            quiet = now - self.last_change.get(uri, float("-inf")) > delay
            self.last_change[uri] = now
            running = self.pending.get(uri)
            if quiet and (running is None or running.done()):
                delay = 0
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        self.pending[uri] = asyncio.ensure_future(self._lint_later(uri, delay))

    async def _lint_later(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return
        version, text = document.version, document.source
        result = await self.lint(uri, text)
        document = self.workspace.text_documents.get(uri)
        if document is None or document.version != version:
            return  # edited meanwhile: that change scheduled its own lint
        if self.pending.get(uri) is asyncio.current_task():
            del self.pending[uri]
        self.publish(uri, result, version)

    async def lint(self, uri: str, text: str) -> Optional[BufferResult]:
        """The findings of ``text`` as the content of ``uri``, None when it cannot be linted. The lint runs in
        the worker thread; messages to the client are sent from here, the event loop's thread."""
        path = to_fs_path(uri)
        if path is None or not uri.startswith("file:"):
            return None
        others = {to_fs_path(u): d.source for u, d in self.workspace.text_documents.items()
                  if u != uri and u.startswith("file:")}
        loop = asyncio.get_running_loop()
        result, problem = await loop.run_in_executor(self.linter, self._lint_job, Path(path), text, others)
        if problem is not None:
            kind, message = problem
            if kind == "config":
                if message != self.config_error:
                    self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=message))
            else:
                self.window_log_message(types.LogMessageParams(type=types.MessageType.Error, message=message))
        self.config_error = problem[1] if problem is not None and problem[0] == "config" else None
        if result is not None:
            self.results[uri] = result
        return result

    def _lint_job(self, path: Path, text: str,
                  others: Dict[str, str]) -> Tuple[Optional[BufferResult], Optional[Tuple[str, str]]]:
        try:
            result = self.buffers.lint(path, text, others)
        except ConfigError as exc:
            return None, ("config", f"asynccheck: {exc}")
        except Exception as exc:  # a bug in asynccheck must not take the editor's server down
            return None, ("internal", f"asynccheck: internal error: {exc!r}")
        if result.error is not None and result.error.kind == "internal":
            return result, ("internal", f"asynccheck: {result.error.message}")
        return result, None

    def publish(self, uri: str, result: Optional[BufferResult], version: Optional[int] = None) -> None:
        diagnostics: List[types.Diagnostic] = []
        if result is not None:
            # a file that does not parse (half typed) has no findings; the editor's Python support shows why
            lines = result.text.splitlines(keepends=True) or [""]
            codec = self.workspace.position_codec
            diagnostics = [to_diagnostic(f, codec, lines) for f in result.findings]
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version))

    async def fresh_result(self, uri: str) -> Optional[BufferResult]:
        """The lint of the document's current text: the last one if the text has not changed since."""
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return None
        result = self.results.get(uri)
        if result is not None and result.text == document.source:
            return result
        return await self.lint(uri, document.source)


def to_diagnostic(finding: Finding, codec, lines: List[str]) -> types.Diagnostic:
    span = types.Range(
        start=types.Position(line=finding.line - 1, character=finding.column - 1),
        end=types.Position(line=finding.end_line - 1, character=max(finding.end_column - 1, 0)),
    )
    return types.Diagnostic(
        range=codec.range_to_client_units(lines, span),
        message=finding.message,
        severity=types.DiagnosticSeverity.Warning,
        code=finding.code,
        code_description=types.CodeDescription(href=f"{RULE_DOCS}{finding.code}.md"),
        source=SOURCE,
        data={"line": finding.line, "column": finding.column, "fixable": finding.fixable},
    )


# -- edits ---------------------------------------------------------------------------------------------------
def text_edit(before: str, after: str, codec) -> types.TextEdit:
    """One edit turning ``before`` into ``after``: the changed lines only, so the editor keeps the cursor and
    the folds elsewhere."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    end_line = len(old) - tail
    if end_line < len(old) or not old or old[-1].endswith(("\n", "\r")):
        end = types.Position(line=end_line, character=0)
    else:  # up to the end of a last line without a newline
        end = codec.position_to_client_units(old, types.Position(line=end_line - 1, character=len(old[-1])))
    return types.TextEdit(range=types.Range(start=types.Position(line=head, character=0), end=end),
                          new_text="".join(new[head:len(new) - tail]))


def noqa_edit(lines: List[str], line: int, code: str, codec) -> Optional[types.TextEdit]:
    """Add ``code`` to the `# noqa` comment of 1-based ``line``, or add one."""
    if not 0 < line <= len(lines):
        return None
    text = lines[line - 1].rstrip("\r\n")
    match = _NOQA.search(text)
    if match is not None and match.group("codes") is None:
        return None  # a bare `# noqa` silences every code already
    if match is not None:
        start, end = match.span("codes")
        replacement, new = text[start:end] + f", {code}", (start, end)
    else:
        replacement, new = f"  # noqa: {code}", (len(text), len(text))
    span = types.Range(start=types.Position(line=line - 1, character=new[0]),
                       end=types.Position(line=line - 1, character=new[1]))
    return types.TextEdit(range=codec.range_to_client_units(lines, span), new_text=replacement)


async def code_actions(server: AsynccheckServer, params: types.CodeActionParams) -> List[types.CodeAction]:
    """This finding's fix, `# noqa` for its line, and the file's safe fixes. Editors ask on every cursor move,
    so a fix's edit is computed only when the client resolves the action (if it can: else here, in the
    worker thread)."""
    uri = params.text_document.uri
    ours = [d for d in params.context.diagnostics if d.source == SOURCE and isinstance(d.code, str)]
    only = params.context.only
    quick = only is None or any(types.CodeActionKind.QuickFix.startswith(k) for k in only)
    fix_all = (only is None and bool(ours)) or (only is not None and any(FIX_ALL_KIND.startswith(k) for k in only))
    if not (ours and quick) and not fix_all:
        return []
    result = await server.fresh_result(uri)
    if result is None or result.error is not None:
        return []
    codec = server.workspace.position_codec
    lines = result.text.splitlines(keepends=True)
    by_place = {(f.code, f.line, f.column): f for f in result.findings}
    actions: List[types.CodeAction] = []
    noqa: List[types.CodeAction] = []
    for diagnostic in ours if quick else ():
        data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
        finding = by_place.get((diagnostic.code, data.get("line"), data.get("column")))
        if finding is None:
            continue
        rule = rules.BY_CODE[finding.code]
        if finding.fixable and rule.fix is not None:
            title = f"{finding.code}: {rule.fix_title or 'fix this'}"
            if rule.fix == "unsafe":
                title += " (unsafe: may change behaviour)"
            actions.append(types.CodeAction(
                title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                is_preferred=rule.fix == "safe" or None,
                data={"uri": uri, "fix": [finding.code, finding.line, finding.column]}))
        edit = noqa_edit(lines, finding.line, finding.code, codec)
        if edit is not None:
            noqa.append(types.CodeAction(
                title=f"{finding.code}: add `# noqa: {finding.code}` to this line", kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic], edit=types.WorkspaceEdit(changes={uri: [edit]})))
    if fix_all and any(f.fixable and rules.BY_CODE[f.code].fix == "safe" for f in result.findings):
        actions.append(types.CodeAction(title="asynccheck: apply all safe fixes in this file", kind=FIX_ALL_KIND,
                                        data={"uri": uri, "fix": None}))
    if not _resolves_edits(server):
        actions = [a for a in [await resolve_action(server, a) for a in actions] if a.edit is not None]
    return actions + noqa


def _resolves_edits(server: AsynccheckServer) -> bool:
    text = server.client_capabilities.text_document
    support = text and text.code_action and text.code_action.resolve_support
    return bool(support and "edit" in support.properties)


async def resolve_action(server: AsynccheckServer, action: types.CodeAction) -> types.CodeAction:
    """Fill in the edit of a fix action, from the document's current text; none if the fix no longer applies."""
    data = action.data if isinstance(action.data, dict) else {}
    uri = data.get("uri")
    if not isinstance(uri, str) or "fix" not in data:
        return action
    result = await server.fresh_result(uri)
    if result is None or result.error is not None:
        return action
    place = tuple(data["fix"]) if data["fix"] else None
    where = None if place is None else (lambda c, s: (c, s[0], s[1] + 1) == place)
    loop = asyncio.get_running_loop()
    after = await loop.run_in_executor(server.linter, fix_text, result, place is not None, where)
    if after is not None and after != result.text:
        edit = text_edit(result.text, after, server.workspace.position_codec)
        action.edit = types.WorkspaceEdit(changes={uri: [edit]})
    return action


# -- the server ----------------------------------------------------------------------------------------------
def build() -> AsynccheckServer:
    server = AsynccheckServer()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: AsynccheckServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: AsynccheckServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, DEBOUNCE_SECONDS, edit=True)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: AsynccheckServer, params: types.DidSaveTextDocumentParams) -> None:
        # the saved file's facts (a new coroutine, a helper that now blocks) matter to the other open files
        ls.buffers.forget_files()
        for uri in list(ls.workspace.text_documents):
            ls.schedule(uri, 0 if uri == params.text_document.uri else DEBOUNCE_SECONDS)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls: AsynccheckServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        task = ls.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        ls.results.pop(uri, None)
        ls.last_change.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def did_change_watched(ls: AsynccheckServer, params: types.DidChangeWatchedFilesParams) -> None:
        # files created or deleted, or a configuration edited: the configuration is re-read by its mtime,
        # the file list here; then every open document is linted again
        ls.buffers.forget_files()
        for uri in list(ls.workspace.text_documents):
            ls.schedule(uri, DEBOUNCE_SECONDS)

    @server.feature(types.INITIALIZED)
    async def initialized(ls: AsynccheckServer, params: types.InitializedParams) -> None:
        watched = ls.client_capabilities.workspace and ls.client_capabilities.workspace.did_change_watched_files
        if not (watched and watched.dynamic_registration):
            return  # the configuration is still re-read when its mtime changes, on the next lint
        watchers = [types.FileSystemWatcher(glob_pattern=g)
                    for g in ("**/*.py", "**/pyproject.toml", "**/asynccheck.toml")]
        await ls.client_register_capability_async(types.RegistrationParams(registrations=[types.Registration(
            id="asynccheck-watched-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers))]))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND], resolve_provider=True))
    async def code_action(ls: AsynccheckServer, params: types.CodeActionParams) -> List[types.CodeAction]:
        return await code_actions(ls, params)

    @server.feature(types.CODE_ACTION_RESOLVE)
    async def code_action_resolve(ls: AsynccheckServer, params: types.CodeAction) -> types.CodeAction:
        return await resolve_action(ls, params)

    return server


def serve() -> None:
    build().start_io()
