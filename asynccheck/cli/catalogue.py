"""``asynccheck rules`` and ``asynccheck rule CODE``: the catalogue, for people and for tools."""
from __future__ import annotations

import json

import click

from asynccheck import rules


def _engines(rule: rules.Rule) -> str:
    return "+".join(name for name, on in (("lint", rule.linter), ("runtime", rule.runtime)) if on)


def rule_dict(rule: rules.Rule) -> dict:
    return {
        "code": rule.code,
        "name": rule.name,
        "category": rule.category,
        "summary": rule.summary,
        "rationale": rule.rationale,
        "linter": rule.linter,
        "runtime": rule.runtime,
        "default": rule.default,
        "fix": rule.fix,
        "bad": rule.bad,
        "good": rule.good,
    }


@click.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules_command(fmt: str) -> None:
    """List every rule: code, name, category, engines, default, fix."""
    if fmt == "json":
        click.echo(json.dumps([rule_dict(r) for r in rules.RULES], indent=2))
        return
    click.echo(f"{'code':7} {'name':30} {'category':23} {'engines':13} {'default':8} fix")
    for r in rules.RULES:
        default = "on" if r.default else "off"
        click.echo(f"{r.code:7} {r.name:30} {r.category:23} {_engines(r):13} {default:8} {r.fix or '-'}")


@click.command("rule")
@click.argument("code")
def rule_command(code: str) -> None:
    """Explain one rule, by code (ACK101) or name (blocking-sleep)."""
    try:
        r = rules.get(code)
    except rules.UnknownRule as exc:
        raise click.UsageError(str(exc)) from None
    fix = f"{r.fix} ({r.fix_title})" if r.fix else "none"
    click.echo(f"{r.code} {r.name}  [{r.category}]\n")
    click.echo(f"{r.summary[0].upper()}{r.summary[1:]}.\n")
    click.echo(f"Why: {r.rationale}\n")
    click.echo(f"Found by: {_engines(r)}; on by default: {'yes' if r.default else 'no'}; autofix: {fix}\n")
    click.echo("Bad:\n" + _indent(r.bad))
    click.echo("Good:\n" + _indent(r.good))
    click.echo(f"Silence one line with `# noqa: {r.code}`, or add \"{r.code}\" to `ignore` in [tool.asynccheck].")


def _indent(code: str) -> str:
    return "".join("    " + line + "\n" if line else "\n" for line in code.splitlines())
