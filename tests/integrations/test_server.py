"""`asynccheck server` end to end: a real LSP client (pygls's) starts `python -m asynccheck server` and
talks to it over stdio, as an editor does."""
from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path
from typing import List

import pytest

pytest.importorskip("pygls")
from lsprotocol import types  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402
from pygls.workspace.position_codec import PositionCodec  # noqa: E402

from asynccheck.server import RULE_DOCS, noqa_edit, text_edit  # noqa: E402

MAIN = """\
import time
from pkg.helpers import fetch


async def handler():
    time.sleep(1)
    fetch()
"""
FIXED = """\
import time
from pkg.helpers import fetch
import asyncio


async def handler():
    await asyncio.sleep(1)
    await fetch()
"""
HALF_TYPED = """\
import time
from pkg.helpers import fetch


async def handler(:
    time.sleep(
"""


def apply(text: str, edits: List[types.TextEdit]) -> str:
    """The text after ``edits`` (ASCII text: UTF-16 units are characters)."""
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))

    def offset(pos: types.Position) -> int:
        return offsets[min(pos.line, len(lines))] + pos.character

    for edit in sorted(edits, key=lambda e: offset(e.range.start), reverse=True):
        text = text[:offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "demo"\n')
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "helpers.py").write_text("async def fetch():\n    return 1\n")
    (tmp_path / "pkg" / "main.py").write_text("")  # the buffer, not the disk, is what gets linted
    return tmp_path


# a server that publishes nothing (a command that never ends) is hung: the bound says so, not how fast the work is
# (a first lint imports libcst and reads the project; at load 30 it took longer than the 10 s this once was, 11
# logged full runs failed so; the no-pygls command, 1.2 s of CPU, took 34 s there), as flake8's tests bound theirs
HANG_S = 300


class Client:
    """pygls's LSP client around a real `python -m asynccheck server` process."""

    def __init__(self):
        self.lsp = LanguageClient("asynccheck-tests", "1")
        self.published: "asyncio.Queue[types.PublishDiagnosticsParams]" = asyncio.Queue()

        @self.lsp.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
            self.published.put_nowait(params)

        @self.lsp.feature(types.CLIENT_REGISTER_CAPABILITY)
        def on_register(params: types.RegistrationParams) -> None:
            self.registered = [r.method for r in params.registrations]

    async def diagnostics(self, uri: str, version: int) -> List[types.Diagnostic]:
        """The diagnostics the server publishes for ``version`` of the document."""
        while True:
            params = await asyncio.wait_for(self.published.get(), timeout=HANG_S)
            if params.uri == uri and params.version == version:
                return params.diagnostics

    def change(self, uri: str, version: int, text: str) -> None:
        self.lsp.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [types.TextDocumentContentChangeWholeDocument(text=text)]))


@pytest.mark.asyncio
async def test_diagnostics_code_actions_and_config_reload(project: Path):
    client = Client()
    await client.lsp.start_io(sys.executable, "-m", "asynccheck", "server", cwd=str(project))
    try:
        watched = types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True)
        init = await client.lsp.initialize_async(types.InitializeParams(
            capabilities=types.ClientCapabilities(workspace=types.WorkspaceClientCapabilities(
                did_change_watched_files=watched)),
            root_uri=project.as_uri(), workspace_folders=[types.WorkspaceFolder(project.as_uri(), "demo")]))
        client.lsp.initialized(types.InitializedParams())
        uri = (project / "pkg" / "main.py").as_uri()
        assert init.capabilities.text_document_sync.save and init.capabilities.code_action_provider.resolve_provider

        # open: both findings, one of them known only from the other module (fetch is a coroutine there)
        client.lsp.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id="python", version=1, text=MAIN)))
        found = await client.diagnostics(uri, 1)
        assert sorted(d.code for d in found) == ["ACK101", "ACK301"]
        sleep = next(d for d in found if d.code == "ACK101")
        assert sleep.range == types.Range(types.Position(5, 4), types.Position(5, 17))
        assert sleep.severity == types.DiagnosticSeverity.Warning and sleep.source == "asynccheck"
        assert sleep.code_description.href == f"{RULE_DOCS}ACK101.md"
        assert client.registered == [types.WORKSPACE_DID_CHANGE_WATCHED_FILES]

        # change (unsaved): the diagnostics follow the buffer
        text = MAIN.replace("    fetch()\n", "    await fetch()\n")
        client.change(uri, 2, text)
        found = await client.diagnostics(uri, 2)
        assert [d.code for d in found] == ["ACK101"]

        # code actions: this finding's fix, the file's safe fixes, and a noqa comment
        actions = await client.lsp.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=found[0].range,
            context=types.CodeActionContext(diagnostics=found)))
        by_title = {a.title: a for a in actions}
        fix = next(a for t, a in by_title.items() if t.startswith("ACK101:") and "noqa" not in t)
        noqa = next(a for t, a in by_title.items() if "noqa" in t)
        assert any("all safe fixes" in t for t in by_title)
        assert fix.kind == types.CodeActionKind.QuickFix and fix.is_preferred
        fixed = apply(text, fix.edit.changes[uri])
        assert fixed == FIXED
        assert apply(text, noqa.edit.changes[uri]).splitlines()[5] == "    time.sleep(1)  # noqa: ACK101"
        # an editor that resolves actions lazily gets the same edit from codeAction/resolve
        resolved = await client.lsp.code_action_resolve_async(types.CodeAction(
            title=fix.title, kind=fix.kind, data=fix.data))
        assert apply(text, resolved.edit.changes[uri]) == FIXED
        # the file's safe fixes, asked for as a source action (as on save)
        only = await client.lsp.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(types.Position(0, 0), types.Position(0, 0)),
            context=types.CodeActionContext(diagnostics=[], only=["source.fixAll"])))
        assert [a.kind for a in only] == ["source.fixAll.asynccheck"]
        assert apply(text, only[0].edit.changes[uri]) == FIXED

        # a half-typed file: no findings, no crash, and the server goes on
        client.change(uri, 3, HALF_TYPED)
        assert list(await client.diagnostics(uri, 3)) == []
        client.change(uri, 4, fixed)
        assert list(await client.diagnostics(uri, 4)) == []  # the fixed text is clean

        # the configuration is read again when it changes: ignoring ACK301 now
        client.change(uri, 5, MAIN)
        assert sorted(d.code for d in await client.diagnostics(uri, 5)) == ["ACK101", "ACK301"]
        (project / "pyproject.toml").write_text('[project]\nname = "demo"\n\n[tool.asynccheck]\nignore = ["ACK301"]\n')
        client.lsp.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[types.FileEvent(
            uri=(project / "pyproject.toml").as_uri(), type=types.FileChangeType.Changed)]))
        assert [d.code for d in await client.diagnostics(uri, 5)] == ["ACK101"]

        # save lints again; close clears the file's diagnostics
        client.lsp.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri=uri)))
        assert [d.code for d in await client.diagnostics(uri, 5)] == ["ACK101"]
        client.lsp.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri=uri)))
        assert list(await client.diagnostics(uri, None)) == []
    finally:
        await client.lsp.shutdown_async(None)
        client.lsp.exit(None)
        await client.lsp.stop()


def test_edits_touch_only_what_changes():
    codec = PositionCodec()
    before = "a\nb\nc\n"
    edit = text_edit(before, "a\nB\nB2\nc\n", codec)
    assert (edit.range.start.line, edit.range.end.line, edit.new_text) == (1, 2, "B\nB2\n")
    assert apply(before, [edit]) == "a\nB\nB2\nc\n"
    no_newline = "x = 1\ny = 2"
    assert apply(no_newline, [text_edit(no_newline, "x = 1\ny = 3", codec)]) == "x = 1\ny = 3"


@pytest.mark.parametrize("line, expected", [
    ("    time.sleep(1)\n", "    time.sleep(1)  # noqa: ACK101"),
    ("    time.sleep(1)  # why\n", "    time.sleep(1)  # why  # noqa: ACK101"),
    ("    time.sleep(1)  # noqa: ACK102\n", "    time.sleep(1)  # noqa: ACK102, ACK101"),
])
def test_noqa_edit_adds_the_code(line, expected):
    edit = noqa_edit([line], 1, "ACK101", PositionCodec())
    assert apply(line, [edit]).rstrip("\n") == expected


def test_noqa_edit_leaves_a_bare_noqa_alone():
    assert noqa_edit(["x()  # noqa\n"], 1, "ACK101", PositionCodec()) is None


def test_without_pygls_the_command_says_what_to_install():
    blocked = "import sys; sys.modules['pygls'] = None; from asynccheck.cli import main; main(['server'])"
    proc = subprocess.run([sys.executable, "-c", blocked], capture_output=True, text=True, timeout=HANG_S)
    assert proc.returncode == 2
    assert "pip install 'asynccheck[lsp]'" in proc.stderr


def test_the_core_never_imports_pygls():
    script = ("import sys; import asynccheck.cli, asynccheck.cli.server, asynccheck.lint.run, asynccheck.lint.buffer, "
              "asynccheck.flake8_plugin; print(sorted(m for m in sys.modules if m.split('.')[0] in "
              "('pygls', 'lsprotocol')))")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=HANG_S)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_help_describes_the_server():
    from click.testing import CliRunner

    from asynccheck.cli import cli

    text = CliRunner().invoke(cli, ["server", "--help"]).output
    assert "language server" in text and "asynccheck[lsp]" in text and "docs/editors.md" in text
