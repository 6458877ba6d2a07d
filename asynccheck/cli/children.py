"""The child interpreters a checked program starts through multiprocessing's "spawn" and "forkserver" methods
(uvicorn's and hypercorn's workers, a ProcessPoolExecutor or Pool on those contexts, a Process whose target runs
``asyncio.run``) are checked too, and their findings come back into the parent's one report.

How the checker gets into the child: both methods send the child a dict of preparation data
(``multiprocessing.spawn.get_preparation_data``), which the child unpickles first thing, before it re-imports
the program's ``__main__``; ``prepare()`` reads only the keys it knows. The parent adds one key whose value
unpickles as a call of ``exec`` on a few lines that import asynccheck and, at the child's first import of
asyncio, start a Session with the parent's settings (select/ignore/thresholds/format/--output): a child that
never runs a loop (a Pool's sync work) pays only the boot's imports. Nothing changes on the command line, in the environment, or
in what the program's own code is handed, and a child whose import of asynccheck fails runs as under python. Not
the resource tracker nor the forkserver process itself (they get no preparation data), and not a child of an
interpreter the program chose (``set_executable``, a ``sys.executable`` of its own): asynccheck may not be
importable there.

How findings come back: the child ends its session when ``BaseProcess._bootstrap`` returns (after the target,
its threads and its exit functions; spawn then exits, the forkserver's child calls ``os._exit``) or at an
``os._exit`` of its own, writes its findings to ``PID.part`` in a folder the parent made, and renames it
``PID.json``. The parent, writing its report, first renames the folder away, then merges the ``.json`` files it
finds there: a child that ends later finds its rename failing and writes its own report instead, as a forked
child does (``FILE.<pid>`` with --output, else standard error under a heading). Nobody waits for anybody: a child
that outlives its parent, or dies of a signal, costs the parent's report nothing. SIGTERM, left to its default,
hands the child's findings over first (cli/sigterm.py, as for `run`'s own process); other signals lose them.
"""
from __future__ import annotations

import contextlib
import os
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional

if TYPE_CHECKING:
    from asynccheck.findings import Finding

# (pickle, json, tempfile and shutil are imported at the first child: the parent's start-up stays as it was)

KEY = "asynccheck"  # the preparation data's key (prepare() ignores keys it does not know)
_PACKAGE_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# run in the child while the preparation data is unpickled: an ImportError leaves the child unchecked
_BOOT = """\
import sys
try:
    from asynccheck.cli.children import start_in_child
except ImportError:  # (not installed where the child looks: from where the parent has it, for this import only)
    sys.path.append({root!r})
    try:
        from asynccheck.cli.children import start_in_child
    except ImportError:
        start_in_child = None
    finally:
        if {root!r} in sys.path:
            sys.path.remove({root!r})
        sys.path_importer_cache.pop({root!r}, None)
if start_in_child is not None:
    start_in_child({blob!r})
"""


class Settings:
    """What a child needs of the parent's command line."""

    def __init__(self, config: Any, fmt: str, output: Optional[Path], raise_on_finding: bool, track_origins: bool,
                 folder: str, interpreter: str):
        self.config, self.fmt, self.output = config, fmt, output
        self.raise_on_finding, self.track_origins = raise_on_finding, track_origins
        self.folder = folder
        self.interpreter = interpreter  # the interpreter asynccheck runs on: a child of another one is left alone


class _Stowaway:
    """The preparation data's extra value: unpickled in the child, it runs ``_BOOT`` (exec, in a fresh dict)."""

    def __init__(self, code: str):
        self.code = code

    def __reduce__(self) -> Any:
        return (exec, (self.code, {}))


class Children:
    """The parent's side: adds the stowaway to each child's preparation data, gathers the findings at the end."""

    def __init__(self, config: Any, fmt: str, output: Optional[Path], raise_on_finding: bool, track_origins: bool,
                 folder: Optional[str] = None):
        self.config, self.fmt, self.output = config, fmt, output
        self.raise_on_finding, self.track_origins = raise_on_finding, track_origins
        self.interpreter = sys.executable
        self.folder = folder  # made at the first child (a program without any pays nothing)
        self.gathered = False

    def install(self, runtime: Any) -> None:
        runtime.on_import.when_imported("multiprocessing.spawn", lambda module: self.patch(runtime, module))

    def patch(self, runtime: Any, spawn: Any) -> None:
        """Wrap ``spawn.get_preparation_data`` (the module ``multiprocessing.spawn``) while ``runtime`` is
        installed."""
        real = spawn.get_preparation_data

        def get_preparation_data(name: str) -> Dict[str, Any]:
            data = real(name)
            if KEY not in data and not self.gathered and _same(spawn.get_executable(), self.interpreter):
                stowaway = self._stowaway()
                if stowaway is not None:
                    data[KEY] = stowaway
            return data

        runtime.patches.replace(spawn, "get_preparation_data", get_preparation_data)

    def _stowaway(self) -> Optional[_Stowaway]:
        import pickle
        import tempfile

        try:
            if self.folder is None:
                self.folder = tempfile.mkdtemp(prefix="asynccheck-children-")
            settings = Settings(self.config, self.fmt, self.output, self.raise_on_finding, self.track_origins,
                                self.folder, self.interpreter)
            return _Stowaway(_BOOT.format(root=_PACKAGE_ROOT, blob=pickle.dumps(settings)))
        except Exception:  # (no temporary folder: the child runs unchecked)
            return None

    def gather(self) -> List[Finding]:
        """The findings of the children that ended, each named by its process; later ones report themselves."""
        if self.gathered or self.folder is None:
            self.gathered = True
            return []
        import shutil

        self.gathered = True
        taken = self.folder + ".read"
        try:
            os.rename(self.folder, taken)
        except OSError:
            return []
        found: List[Finding] = []
        try:
            for name in sorted(os.listdir(taken)):
                if name.endswith(".json"):
                    found.extend(_read(os.path.join(taken, name)))
        finally:
            shutil.rmtree(taken, ignore_errors=True)
        return found


def _same(executable: Any, interpreter: str) -> bool:
    try:  # (kept as bytes from 3.11 on POSIX)
        return os.fsdecode(executable) == interpreter
    except TypeError:
        return False


def _read(path: str) -> List[Finding]:
    import json

    from asynccheck.findings import Finding

    try:
        with open(path, encoding="utf-8") as file:
            data = json.load(file)
        process = f"{data['process']} (pid {data['pid']})"
        return [_named(Finding.from_dict(item), process) for item in data["findings"]]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def _named(finding: Finding, process: str) -> Finding:
    return finding.with_(thread=f"{finding.thread or 'MainThread'} of child process {process}")


def merged(findings: List[Finding], more: List[Finding]) -> List[Finding]:
    """One finding per site: the counts summed, described by the longest occurrence."""
    by_site: Dict[Any, Finding] = {}
    for finding in [*findings, *more]:
        seen = by_site.get(finding.site())
        by_site[finding.site()] = finding if seen is None else seen.seen_again(finding)
    return list(by_site.values())


# -- the child's side ------------------------------------------------------------------------------------------
_child: List[Any] = []  # the child's checker, kept for the process's life


def start_in_child(blob: bytes) -> None:
    """Start checking this spawned (or forkserver) child; never raise: the child then runs unchecked."""
    import pickle

    try:
        settings = pickle.loads(blob)
        _child.append(_Child(settings))
    except Exception:
        pass


class _Child:
    def __init__(self, settings: Settings):
        from multiprocessing import process

        self.settings = settings
        self.pid = os.getpid()
        self.session: Any = None  # started when the child imports asyncio (a child without a loop pays nothing)
        self.on_sigterm: Any = None  # with the session
        self.done = False
        bootstrap, real_exit = process.BaseProcess._bootstrap, os._exit

        def _bootstrap(process_self: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                return bootstrap(process_self, *args, **kwargs)
            finally:
                self.finish()

        def _exit(status: int) -> None:  # os._exit skips every cleanup: the findings are written first
            self.finish()
            real_exit(status)

        process.BaseProcess._bootstrap = _bootstrap  # type: ignore[method-assign]
        os._exit = _exit
        if "asyncio" in sys.modules:  # (a forkserver child whose server preloaded it)
            self.start()
        else:
            from asynccheck.on_import import OnImport

            self.on_import = OnImport()
            self.on_import.when_imported("asyncio", lambda module: self.start())

    def start(self) -> None:
        """The session, once asyncio is imported: every rule is about code that runs on an event loop, so a
        child that never imports asyncio (a Pool's sync work) keeps its modules and its SIGTERM as under python."""
        if self.session is not None or self.done or os.getpid() != self.pid:
            return
        from asynccheck.checker import Session

        settings = self.settings
        self.session = Session(settings.config, raise_on_finding=settings.raise_on_finding,
                               track_origins=settings.track_origins)
        self.session.start()
        # its own children are checked too, reporting to the same folder
        Children(settings.config, settings.fmt, settings.output, settings.raise_on_finding, settings.track_origins,
                 settings.folder).install(self.session.runtime)
        # SIGTERM (Pool.terminate, a server stopping its workers) ends the child as under python, its findings
        # handed over first, as `run` does for its own process
        from asynccheck.cli.sigterm import ReportOnSigterm

        on_sigterm = self.on_sigterm = ReportOnSigterm(self._hand_over_once)
        if threading.current_thread() is threading.main_thread() and on_sigterm.install():
            self.session.runtime.more_threads.append(lambda: on_sigterm.watching)

    def finish(self) -> None:
        """At the child's end (its process's bootstrap returns, or os._exit)."""
        if self.done or os.getpid() != self.pid:
            return  # (a process forked from this child keeps its own pid's silence, as under `run`)
        if self.session is None:
            self.done = True  # (asyncio never imported: nothing to hand over)
            return
        with self.on_sigterm.writing() if self.on_sigterm is not None else contextlib.nullcontext():
            self._hand_over_once()

    def _hand_over_once(self) -> None:
        if self.done or os.getpid() != self.pid:
            return
        self.done = True
        try:
            self.session.stop()
            findings = self.session.report().findings
            if findings:
                self._hand_over(findings)
        except Exception:
            pass

    def _hand_over(self, findings: List[Finding]) -> None:
        import json
        from multiprocessing import current_process

        data = {"pid": self.pid, "process": current_process().name, "findings": [f.to_dict() for f in findings]}
        part = os.path.join(self.settings.folder, f"{self.pid}.part")
        try:
            with open(part, "w", encoding="utf-8") as file:
                json.dump(data, file)
            os.rename(part, os.path.join(self.settings.folder, f"{self.pid}.json"))
        except OSError:  # the parent has written its report: this one is the child's own
            self._report_alone(findings, data["process"])

    def _report_alone(self, findings: List[Finding], process: str) -> None:
        from asynccheck.findings import Report
        from asynccheck.report import render

        text = render(Report(findings).sorted(), self.settings.fmt)
        output = self.settings.output
        if output is not None:
            output.with_name(f"{output.name}.{self.pid}").write_text(text, encoding="utf-8")
            return
        if self.settings.fmt == "text":
            heading = f"asynccheck: report of child process {process} ({self.pid}), which ended after its parent's"
            text = "\n" + heading + "\n" + text
        _write_stderr(text)


def _write_stderr(text: str) -> None:
    stream: Optional[Callable[..., Any]] = getattr(sys.stderr, "write", None)
    if stream is None:
        return
    try:
        stream(text)
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
