"""Another linter's `# noqa` for the same diagnosis silences ours: a project moving from flake8-async or ruff keeps
the lines its authors already judged (rules.Rule.peers), and only those."""
from __future__ import annotations

import textwrap

from asynccheck import rules
from asynccheck.suppressions import noqa_lines, silenced

from .helpers import check_marked


def test_peer_codes_silence_the_rules_that_make_the_same_diagnosis():
    check_marked('''
        import asyncio
        import subprocess
        import time

        async def handler(path):
            data = open(path).read()  # noqa: ASYNC230
            more = open(path).read()  # noqa: ASYNC23 (a prefix of flake8-async's file codes)
            subprocess.run(["sync"])  # noqa: ASYNC221
            time.sleep(0.1)  # noqa: ASYNC251
            asyncio.create_task(asyncio.sleep(1))  # noqa: RUF006
            asyncio.create_task(asyncio.sleep(2))  # noqa: ASYNC300
            return data, more
    ''', ["ACK101", "ACK103", "ACK104", "ACK302"])


def test_a_peer_code_for_another_diagnosis_or_an_unrelated_code_silences_nothing():
    check_marked('''
        import asyncio
        import time

        async def handler(path):
            data = open(path).read()  # ACK103  # noqa: ASYNC251 (time.sleep's code, not a file's)
            time.sleep(0.1)  # ACK101  # noqa: E501
            asyncio.create_task(asyncio.sleep(1))  # ACK302  # noqa: ASYNC230
            return data
    ''', ["ACK101", "ACK103", "ACK302"])


def test_the_runtime_reads_the_same_comments():
    # asynccheck run decides with the same two functions (suppressions.SourceSuppressions)
    noqa = noqa_lines(textwrap.dedent('''
        time.sleep(1)  # noqa: ASYNC251
        time.sleep(1)  # noqa: ASYNC230
    '''))
    assert silenced(noqa, 2, "ACK101") and not silenced(noqa, 3, "ACK101")


def test_every_peer_code_names_rules_of_one_category():
    # a peer's code stands for one diagnosis: if it mapped to rules of two categories, a noqa would hide more
    # than its author judged
    for peer, codes in rules.BY_PEER.items():
        assert len({rules.BY_CODE[code].category for code in codes}) == 1, peer
