"""SARIF 2.1.0, the format GitHub code scanning ingests."""
from __future__ import annotations

import hashlib
import json
from pathlib import PurePath
from typing import Any, Dict, List

from asynccheck import __version__, rules
from asynccheck.findings import Finding, Report

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFO_URI = "https://github.com/asynccheck/asynccheck"


def _uri(path: str) -> str:
    return PurePath(path).as_posix().lstrip("./") if not PurePath(path).is_absolute() else PurePath(path).as_uri()


def _rule(rule: rules.Rule) -> Dict[str, Any]:
    return {
        "id": rule.code,
        "name": "".join(part.capitalize() for part in rule.name.split("-")),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.rationale},
        "help": {
            "text": f"{rule.rationale}\n\nBad:\n{rule.bad}\nGood:\n{rule.good}",
            "markdown": f"{rule.rationale}\n\n**Bad**\n```python\n{rule.bad}```\n**Good**\n```python\n{rule.good}```",
        },
        "helpUri": f"{INFO_URI}/blob/main/docs/rules/{rule.code}.md",
        "defaultConfiguration": {"level": "error" if rule.default else "warning"},
        "properties": {"tags": [rule.category, *(e for e, on in (("lint", rule.linter), ("runtime", rule.runtime)) if on)]},
    }


def _result(f: Finding, index: Dict[str, int]) -> Dict[str, Any]:
    region = {"startLine": f.line, "startColumn": f.column}
    if f.end_line:
        region.update(endLine=f.end_line, endColumn=max(f.end_column, 1))
    fingerprint = hashlib.sha256(f"{f.code}:{f.path}:{f.message}".encode()).hexdigest()[:32]
    result: Dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": index[f.code],
        "level": "error" if rules.BY_CODE[f.code].default else "warning",
        "message": {"text": f.message},
        "locations": [{
            "physicalLocation": {"artifactLocation": {"uri": _uri(f.path), "uriBaseId": "%SRCROOT%"}, "region": region}
        }],
        "partialFingerprints": {"asynccheck/v1": fingerprint},
    }
    if f.related:
        result["relatedLocations"] = [
            {"id": i, "message": {"text": r.message},
             "physicalLocation": {"artifactLocation": {"uri": _uri(r.path), "uriBaseId": "%SRCROOT%"},
                                  "region": {"startLine": r.line}}}
            for i, r in enumerate(f.related)
        ]
    return result


def render(report: Report) -> str:
    catalogue = list(rules.RULES)
    index = {r.code: i for i, r in enumerate(catalogue)}
    notifications: List[Dict[str, Any]] = [
        {
            "level": "error",
            "message": {"text": e.message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(e.path), "uriBaseId": "%SRCROOT%"},
                                                **({"region": {"startLine": e.line}} if e.line else {})}}],
        }
        for e in report.errors
    ]
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "asynccheck", "version": __version__, "semanticVersion": __version__,
                                "informationUri": INFO_URI, "rules": [_rule(r) for r in catalogue]}},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": "file:///"}},
            "invocations": [{"executionSuccessful": not any(e.kind == "internal" for e in report.errors),
                             "toolExecutionNotifications": notifications}],
            "results": [_result(f, index) for f in report.findings],
        }],
    }
    return json.dumps(log, indent=2) + "\n"
