"""pytest plugin: run the test session under the runtime checker and fail the tests that misbehave.

Off unless asked (`--asynccheck`, or `asynccheck = true` in the ini). A thin adapter over asynccheck.checker: the
Session's `drain()` after each phase (setup, call, teardown) attributes findings to the test and phase they
happened in. Findings travel on the test reports (`user_properties`), so pytest-xdist's controller sees the same
ones a serial run does.
"""
from __future__ import annotations

import json
from typing import Any, Dict, List, Optional

import pytest

_KEY = "asynccheck"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("asynccheck", "asyncio anti-patterns found at run time")
    group.addoption("--asynccheck", action="store_true", default=None,
                    help="Run the tests under asynccheck's runtime checker.")
    group.addoption("--asynccheck-mode", choices=("fail", "warn"), default=None,
                    help="fail: a test with findings fails (default); warn: only report them.")
    group.addoption("--asynccheck-report", metavar="FILE", default=None,
                    help="Write every finding, with its test id, to this JSON file.")
    group.addoption("--asynccheck-baseline", metavar="FILE", default=None,
                    help="Do not report (nor fail on) the findings recorded in this file: only new ones.")
    group.addoption("--asynccheck-write-baseline", metavar="FILE", default=None,
                    help="Record every finding of this run in this file.")
    group.addoption("--asynccheck-select", metavar="RULES", default=None, help="Report only these rules.")
    group.addoption("--asynccheck-ignore", metavar="RULES", default=None, help="Do not report these rules.")
    parser.addini("asynccheck", type="bool", default=False, help="Run the tests under asynccheck's runtime checker.")
    parser.addini("asynccheck_mode", default="fail", help="fail or warn.")
    parser.addini("asynccheck_baseline", default="", help="A baseline file: its findings are not reported.")


def _split(value: Optional[str]) -> List[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


class AsyncCheckPlugin:
    def __init__(self, config: pytest.Config):
        from asynccheck import config as config_mod
        from asynccheck.checker import Session

        self.mode = config.getoption("asynccheck_mode") or config.getini("asynccheck_mode")
        if self.mode not in ("fail", "warn"):
            raise pytest.UsageError(f"asynccheck_mode must be fail or warn, not {self.mode!r}")
        try:
            cfg = config_mod.discover([config.rootpath]).override(
                select=_split(config.getoption("asynccheck_select")) or None,
                ignore=_split(config.getoption("asynccheck_ignore")),
            )
        except config_mod.ConfigError as exc:
            raise pytest.UsageError(str(exc)) from None
        self.report_file = config.getoption("asynccheck_report")
        self.write_baseline = config.getoption("asynccheck_write_baseline")
        self.root = cfg.root
        self.baseline = self._baseline(config, cfg)
        self.session = Session(cfg)
        self.default_stall = self.session.runtime.watchdog.stall_s
        self.collected: List[Dict[str, Any]] = []  # from every report, on the controller too
        self.late = 0  # findings of tests whose reports were made already (on the controller too)

    def _baseline(self, config: pytest.Config, cfg: Any) -> Any:
        from asynccheck.baseline import Baseline, BaselineError

        path = config.getoption("asynccheck_baseline") or config.getini("asynccheck_baseline") or cfg.baseline
        if not path or self.write_baseline:
            return None
        path = config.rootpath / path  # an absolute path (the configuration's) stays as it is
        try:
            return Baseline.load(path).matcher(cfg.root)
        except BaselineError as exc:
            raise pytest.UsageError(str(exc)) from None

    # -- per test --------------------------------------------------------------------------------------------
    def _phase(self, item: pytest.Item) -> Any:
        marker = item.get_closest_marker("asynccheck")
        ignore = set(marker.kwargs.get("ignore", ())) if marker else set()
        stall_ms = marker.kwargs.get("stall_ms") if marker else None
        watchdog = self.session.runtime.watchdog
        watchdog.stall_s = stall_ms / 1000.0 if stall_ms else self.default_stall
        self.session.drain()  # what happened between tests belongs to no test
        self.session.scope = item.nodeid
        outcome = yield
        found = [f for f in self.session.drain() if f.code not in ignore]
        watchdog.stall_s = self.default_stall
        # a task an earlier test made (a module-scoped loop runs on) failing now is that test's finding, not this
        # one's: its report is made, so it travels on this test's report, named for the test that made the task
        own = [f for f in found if f.test is None or f.test == item.nodeid]
        item.stash.setdefault(_findings_key, []).extend(own)
        item.stash.setdefault(_late_key, []).extend(f for f in found if f.test is not None and f.test != item.nodeid)
        return outcome

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> Any:
        yield from self._phase(item)

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Any:
        yield from self._phase(item)

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_teardown(self, item: pytest.Item) -> Any:
        yield from self._phase(item)

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo) -> Any:
        outcome = yield
        report = outcome.get_result()
        found = [f.with_(test=item.nodeid) for f in item.stash.get(_findings_key, [])]
        if self.baseline is not None:
            found = [f for f in found if not self.baseline.accepts(f)]
        found = [f.with_(path=_relative(f.path, item.config.rootpath), test=None) for f in found]
        item.stash[_findings_key] = []
        late = [f for f in item.stash.get(_late_key, []) if self.baseline is None or not self.baseline.accepts(f)]
        item.stash[_late_key] = []
        if late:
            # told of under the test that made the task; this test's outcome is not changed for it
            report.user_properties.append((_KEY, [
                dict(f.with_(path=_relative(f.path, item.config.rootpath), test=None).to_dict(), test=f.test,
                     phase="after", seen_in=item.nodeid) for f in late]))
            report.sections.append(("asynccheck (of earlier tests)", "\n".join(
                f"{f.test}: " + _describe(f.with_(path=_relative(f.path, item.config.rootpath))) for f in late)))
        if not found:
            return
        data = [dict(f.to_dict(), test=item.nodeid, phase=call.when) for f in found]
        report.user_properties.append((_KEY, data))
        text = "\n".join(_describe(f) for f in found)
        report.sections.append((f"asynccheck ({call.when})", text))
        if self.mode == "fail" and report.passed:
            report.outcome = "failed"
            report.longrepr = f"asynccheck found {len(found)} asyncio anti-pattern(s) during {call.when}:\n{text}"

    # -- the whole run ---------------------------------------------------------------------------------------
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        for key, value in report.user_properties:
            if key == _KEY:
                self.collected.extend(value)
                self.late += sum(1 for d in value if d.get("phase") == "after")

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        stale = self.baseline.stale if self.baseline is not None else 0
        if stale and not terminalreporter.config.getoption("numprocesses", None):  # a worker sees only its share
            entries = "entry no longer occurs" if stale == 1 else "entries no longer occur"
            terminalreporter.write_line(f"asynccheck: {stale} baseline {entries}; write it again with "
                                        "--asynccheck-write-baseline to drop them")
        if not self.collected:
            return
        terminalreporter.section("asynccheck")
        for item in sorted(self.collected, key=lambda d: (d["code"], d["test"], d["path"], d["line"])):
            terminalreporter.write_line(
                f"{item['code']} {item['name']}: {item['path']}:{item['line']} in {item['test']} ({item['phase']})"
            )
        codes: Dict[str, int] = {}
        for item in self.collected:
            codes[item["code"]] = codes.get(item["code"], 0) + 1
        summary = ", ".join(f"{code} x{n}" for code, n in sorted(codes.items()))
        terminalreporter.write_line(f"asynccheck: {len(self.collected)} finding(s): {summary}")
        if self.late and self.mode == "fail":
            terminalreporter.write_line(f"asynccheck: {self.late} finding(s) of tests that had ended (a task they "
                                        "made failed later, phase 'after'): the run fails for them")

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if self.late and self.mode == "fail" and session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED  # no test can fail for them any more: the run does
        if self.write_baseline and not hasattr(session.config, "workerinput"):
            from asynccheck.baseline import Baseline
            from asynccheck.findings import Finding

            root = session.config.rootpath
            found = [Finding.from_dict(dict(d, path=str(root / d["path"]))) for d in self.collected]
            Baseline.of(found, self.root).write(root / self.write_baseline)
        if self.report_file and not hasattr(session.config, "workerinput"):
            ordered = sorted(self.collected, key=lambda d: (d["test"], d["phase"], d["path"], d["line"], d["code"]))
            with open(self.report_file, "w", encoding="utf-8") as fh:
                json.dump({"findings": ordered}, fh, indent=2)
                fh.write("\n")


class _AlreadyWatched:
    def pytest_report_header(self) -> str:
        return ("asynccheck: this process is watched already (asynccheck run, or an enclosing test session): "
                "its findings are reported there, and no test fails for them")


_findings_key = pytest.StashKey[list]()
_late_key = pytest.StashKey[list]()


def _relative(path: str, root: Any) -> str:
    import os

    absolute = os.path.abspath(path)
    prefix = str(root) + os.sep
    return absolute[len(prefix):] if absolute.startswith(prefix) else path


def _describe(finding: Any) -> str:
    lines = [f"{finding.path}:{finding.line}: {finding.code} {finding.message}"]
    from asynccheck.findings import folded

    lines.extend(f"    {line}" for line in folded(finding.stack)[-8:])
    return "\n".join(lines)


def _hang_notice(config: pytest.Config) -> Any:
    """Where a stuck loop is told of at once: the terminal as it was before pytest captured output (a deadlocked
    test never reaches its report)."""
    import os

    capman = config.pluginmanager.getplugin("capturemanager")
    err = getattr(getattr(capman, "_global_capturing", None), "err", None)
    fd = getattr(err, "targetfd_save", None)  # the real stderr, saved by pytest's fd capture
    target = fd if isinstance(fd, int) else 2

    def notice(text: str) -> None:
        try:
            os.write(target, ("\n" + text).encode("utf-8", "replace"))
        except OSError:
            pass

    return notice


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "asynccheck(ignore=[codes], stall_ms=N): adjust asynccheck's runtime checks for one test")
    enabled = config.getoption("asynccheck") or config.getini("asynccheck")
    if not enabled:
        return
    from asynccheck.runtime import watching

    if watching():
        # `asynccheck run -m pytest --asynccheck`, or a pytest run inside a checked test (pytester's inline runs):
        # one runtime per process, and the one installed already sees these tests; starting a second raised
        # inside pytest_configure, and the run ended in INTERNALERROR
        config.pluginmanager.register(_AlreadyWatched(), "asynccheck-already-watched")
        return
    plugin = AsyncCheckPlugin(config)
    config.pluginmanager.register(plugin, "asynccheck-runtime")
    is_controller = hasattr(config, "workerinput") is False and config.getoption("numprocesses", None) not in (None, 0)
    if not is_controller:  # under xdist the workers run the tests; the controller only gathers reports
        plugin.session.runtime.watchdog.on_hang = _hang_notice(config)
        plugin.session.start()
        config.add_cleanup(plugin.session.stop)
