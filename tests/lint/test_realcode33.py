"""Shapes found wrong or overclaimed on real async applications (realcode33: bots, home-automation integrations,
a media server): each beside the real anti-pattern of its kind, which is still reported."""
from __future__ import annotations

import textwrap

from asynccheck.lint import lint_source

from .helpers import ALL


def messages(source: str, code: str) -> list:
    report = lint_source(textwrap.dedent(source), "example.py", ALL)
    return sorted((f.line, f.message) for f in report.findings if f.code == code)


def test_a_helper_that_blocks_only_in_an_except_clause_may_block_on_some_of_its_paths():
    # A chat bot's string table falls back to an online translation when the key is missing (`try: return
    # table[key]` / `except KeyError:` fetch and store): the request runs only when the lookup raised, so
    # each caller may block, not blocks. A helper that makes the request in its `try` body, with the handler
    # only for errors, blocks on every call; the `else:` and `finally:` of a `try` run without an exception
    # and stay "blocks"
    found = messages('''
        import requests

        _strings = {"en": {}}


        def text_for(key, lang):
            try:
                return _strings[lang][key]
            except KeyError:
                value = requests.get(f"https://translate.example/{key}", timeout=5).text
                _strings.setdefault(lang, {})[key] = value
                return value


        def fetch_text(key):
            try:
                return requests.get(f"https://translate.example/{key}", timeout=5).text
            except OSError:
                return ""


        def text_or_fetch(key):
            try:
                value = _strings["en"][key]
            except KeyError:
                return ""
            else:
                return requests.get(f"https://translate.example/{value}", timeout=5).text


        def closing(session, key):
            try:
                return _strings["en"][key]
            finally:
                session.close()
                requests.post("https://stats.example/", json={"key": key}, timeout=5)


        async def on_message(message):
            await message.reply(text_for("greeting", "de"))
            await message.reply(fetch_text("greeting"))
            await message.reply(text_or_fetch("greeting"))
            await message.reply(closing(message.session, "greeting"))
    ''', "ACK102")
    assert [line for line, _ in found] == [41, 42, 43, 44]
    assert found[0][1].startswith('`text_for("greeting", "de")` may block the event loop: on some of its paths it '
                                  'calls `requests.get(...)`')
    assert found[1][1].startswith('`fetch_text("greeting")` blocks the event loop: it calls `requests.get(...)`')
    assert found[2][1].startswith('`text_or_fetch("greeting")` blocks the event loop: it calls')
    assert found[3][1].startswith('`closing(message.session, "greeting")` blocks the event loop: it calls')


def test_a_helper_reached_only_from_an_except_clause_passes_its_path_on():
    # The same fallback one helper further (`except KeyError: value = translate(key)`, translate makes the
    # request): the caller still may block only on the paths through the handler
    found = messages('''
        import requests

        _strings = {}


        def translate(key):
            return requests.get(f"https://translate.example/{key}", timeout=5).text


        def text_for(key):
            try:
                return _strings[key]
            except KeyError:
                _strings[key] = translate(key)
                return _strings[key]


        async def on_message(message):
            await message.reply(text_for("greeting"))
            await message.reply(translate("greeting"))
    ''', "ACK102")
    assert [line for line, _ in found] == [20, 21]
    assert found[0][1].startswith('`text_for("greeting")` may block the event loop: on some of its paths it calls '
                                  '`translate()` -> `requests.get(...)`')
    assert found[1][1].startswith('`translate("greeting")` blocks the event loop: it calls `requests.get(...)`')
