"""How long does `asynccheck server` take from a keystroke to the diagnostics, on a warm project?

    python bench/server_bench.py [--package aiohttp] [--file aiohttp/web_request.py] [--edits 30] [--corpus DIR]

Copies one library of the lint_bench corpus (bench/.cache/corpus, built by lint_bench.py) to a temporary project,
fills its lint cache with `asynccheck lint`, starts `python -m asynccheck server` under pygls's LSP client, opens a
~1,000-line module and then edits a line as a user would: each edit is an incremental didChange, and the time
until the publishDiagnostics of that document version arrives is the latency. Edits after a pause are linted at
once (target: 300 ms); bursts of keys are debounced, and their figure includes the debounce.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

from asynccheck.server import DEBOUNCE_SECONDS

CORPUS = Path(__file__).resolve().parent / ".cache" / "corpus"
TARGET_MS = 300


async def measure(project: Path, file: Path, edits: int) -> list:
    client = LanguageClient("server-bench", "1")
    published: "asyncio.Queue[types.PublishDiagnosticsParams]" = asyncio.Queue()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        published.put_nowait((time.perf_counter(), params))

    async def diagnostics(version: int):
        while True:
            when, params = await asyncio.wait_for(published.get(), timeout=300)
            if params.version == version:
                return when, params.diagnostics

    await client.start_io(sys.executable, "-m", "asynccheck", "server", cwd=str(project))
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(),
                                                         root_uri=project.as_uri()))
    client.initialized(types.InitializedParams())
    uri = file.as_uri()
    text = file.read_text()
    started = time.perf_counter()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id="python", version=1, text=text)))
    when, found = await diagnostics(1)
    print(f"open: {(when - started) * 1000:.0f} ms, {len(found)} diagnostics")
    # the edit: a comment typed at the end of a line inside the file's first coroutine, longer each time
    lines = text.splitlines(keepends=True)
    target = next((i for i, line in enumerate(lines) if line.lstrip().startswith("async def ")), len(lines) // 2)
    target += 1
    while target < len(lines) and not lines[target].strip():
        target += 1
    column = len(lines[target].rstrip("\r\n"))
    latencies, bursts = [], []
    version = 1

    def type_(text_: str) -> float:
        nonlocal version, column
        version += 1
        at = types.Position(line=target, character=column)
        column += len(text_)
        sent = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [types.TextDocumentContentChangePartial(range=types.Range(at, at), text=text_)]))
        return sent

    type_("  # edit")
    await diagnostics(version)
    for n in range(edits):
        await asyncio.sleep(0.3)  # a user's pause: the edit comes after a quiet spell
        sent = type_(f" {n}")
        when, _ = await diagnostics(version)
        latencies.append((when - sent) * 1000)
    for n in range(max(3, edits // 3)):
        await asyncio.sleep(0.3)
        for key in "typing":  # a burst: a key every 40 ms; the lint that counts is the one after the last key
            sent = type_(key)
            await asyncio.sleep(0.04)
        when, _ = await diagnostics(version)
        bursts.append((when - sent) * 1000)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return latencies, bursts


def in_process(project: Path, file: Path, edits: int) -> list:
    """The same edits linted in this process: the server's cost without the LSP round trip and the debounce."""
    from asynccheck.lint.buffer import Buffers

    here = os.getcwd()
    os.chdir(project)  # as the server runs: display paths, and so cache keys, relative to the project
    try:
        buffers, text, times, cpu = Buffers(), file.read_text(), [], []
        buffers.lint(file, text)
        for n in range(edits):
            started, started_cpu = time.perf_counter(), time.process_time()
            buffers.lint(file, text + f"# edit {n}\n")
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        return times, cpu
    finally:
        os.chdir(here)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--package", default="aiohttp", help="a library of the corpus, as the project")
    parser.add_argument("--file", default="aiohttp/web_request.py", help="the module to edit, inside the package")
    parser.add_argument("--edits", type=int, default=30)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help=f"where the libraries are [default: {CORPUS}]")
    args = parser.parse_args()
    corpus = args.corpus
    if not (corpus / args.package).is_dir():
        sys.exit(f"no {corpus / args.package}: run bench/lint_bench.py once to build the corpus")
    with tempfile.TemporaryDirectory(prefix="asynccheck-server-bench-") as tmp:
        project = Path(tmp)
        shutil.copytree(corpus / args.package, project / args.package)
        (project / "asynccheck.toml").write_text("")  # the defaults, and the project's root (and cache) here
        files = list(project.rglob("*.py"))
        lines = sum(len(f.read_bytes().splitlines()) for f in files)
        file = project / args.file
        print(f"project: {args.package}, {len(files)} files, {lines:,} lines; editing {args.file} "
              f"({len(file.read_bytes().splitlines()):,} lines)")
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "asynccheck", "lint", "--exit-zero", "--format", "json", "."],
                       cwd=project, capture_output=True, check=True)
        print(f"cache filled by `asynccheck lint` in {time.perf_counter() - started:.1f} s")
        latencies, bursts = asyncio.run(measure(project, file, args.edits))
        linted, cpu = in_process(project, file, args.edits)
    latencies.sort()
    median = statistics.median(latencies)
    p90 = latencies[int(0.9 * (len(latencies) - 1))]
    debounce = DEBOUNCE_SECONDS * 1000
    print(f"an edit after a pause, didChange -> publishDiagnostics ({len(latencies)} edits): median {median:.0f} ms, "
          f"p90 {p90:.0f} ms, max {latencies[-1]:.0f} ms")
    print(f"a burst of 6 keys 40 ms apart, last key -> publishDiagnostics ({len(bursts)} bursts): median "
          f"{statistics.median(bursts):.0f} ms (includes the {debounce:.0f} ms debounce)")
    print(f"the lint alone (lint.buffer.Buffers.lint, in this process, warm): median {statistics.median(linted):.0f} "
          f"ms wall, {statistics.median(cpu):.0f} ms CPU")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
          "(other work on the machine inflates wall times)")
    print(f"target {TARGET_MS} ms for an edit after a pause: {'met' if median <= TARGET_MS else 'NOT met'} (median)")


if __name__ == "__main__":
    main()
