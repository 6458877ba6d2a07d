"""Tests generated from the catalogue: every linter rule's bad example is flagged where marked, its good
example is clean, and async-only rules say nothing once `async`/`await` are stripped."""
from __future__ import annotations

import re

import pytest

from asynccheck import rules
from asynccheck.lint import lint_source

from .helpers import ALL, marked, reported

LINTER_RULES = [r for r in rules.RULES if r.linter]
ASYNC_ONLY = {"ACK101", "ACK102", "ACK103", "ACK104", "ACK105", "ACK106", "ACK107", "ACK108", "ACK109", "ACK110", "ACK201", "ACK601", "ACK602"}


@pytest.mark.parametrize("rule", LINTER_RULES, ids=lambda r: r.code)
def test_bad_example_is_flagged_where_marked(rule):
    assert rule.flagged_lines(), f"{rule.code}'s bad example marks no line"
    assert reported(rule.bad, [rule.code]) == marked(rule.bad)


@pytest.mark.parametrize("rule", LINTER_RULES, ids=lambda r: r.code)
def test_good_example_is_clean(rule):
    report = lint_source(rule.good, "good.py", ALL)
    assert report.findings == [] and report.errors == []


@pytest.mark.parametrize("rule", [r for r in LINTER_RULES if r.code in ASYNC_ONLY], ids=lambda r: r.code)
def test_bad_example_without_async_is_clean(rule):
    sync = re.sub(r"\basync\s+(def|with|for)\b", r"\1", rule.bad).replace("await ", "")
    assert reported(sync, [rule.code]) == set()


@pytest.mark.parametrize("rule", rules.RULES, ids=lambda r: r.code)
def test_examples_parse_and_rule_is_complete(rule):
    compile(rule.bad, "bad", "exec")
    compile(rule.good, "good", "exec")
    assert rule.category in rules.CATEGORIES
    assert re.fullmatch(r"ACK\d{3}", rule.code) and re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
    assert rule.summary and rule.rationale and rule.fix in (None, "safe", "unsafe")
    assert rule.linter or rule.runtime


def test_codes_and_names_are_unique():
    assert len({r.code for r in rules.RULES}) == len(rules.RULES)
    assert len({r.name for r in rules.RULES}) == len(rules.RULES)


def test_selection_specificity():
    assert "ACK502" not in rules.resolve_selection()
    assert "ACK110" not in rules.resolve_selection()
    assert {"ACK601", "ACK602"} <= rules.resolve_selection()
    assert rules.resolve_selection(["ACK1"], ["ACK10"], ["ACK101"]) >= {"ACK101", "ACK110", "ACK120"}
    assert "ACK102" not in rules.resolve_selection(["ACK1"], ["ACK10"], ["ACK101"])
    assert rules.resolve_selection(["blocking-call"]) == {r.code for r in rules.RULES if r.category == "blocking-call"}
    assert rules.resolve_selection(None, ["blocking-sleep"]) == {r.code for r in rules.RULES if r.default} - {"ACK101"}
    with pytest.raises(rules.UnknownRule):
        rules.expand("ACK9")
