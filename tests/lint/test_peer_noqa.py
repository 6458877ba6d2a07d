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
        time.sleep(1)  # ruff: ignore[blocking-sleep-in-async-function]
    '''))
    assert silenced(noqa, 2, "ACK101") and not silenced(noqa, 3, "ACK101") and silenced(noqa, 4, "ACK101")


def test_every_peer_code_names_rules_of_one_category():
    # a peer's code stands for one diagnosis: if it mapped to rules of two categories, a noqa would hide more
    # than its author judged
    for peer, codes in rules.BY_PEER.items():
        assert len({rules.BY_CODE[code].category for code in codes}) == 1, peer


def test_ruff_ignore_comments_by_code_or_by_rule_name():
    # ruff's own comments (ruff 0.15+): at the end of a line, that line; on a line of their own, the statement
    # after them, all its lines, past other comments
    check_marked('''
        import asyncio
        import time

        async def handler(path):
            asyncio.create_task(asyncio.sleep(1))  # ruff: ignore[asyncio-dangling-task]
            asyncio.create_task(asyncio.sleep(2))  # ruff:ignore[RUF006, E501,]
            time.sleep(0.1)  # ruff: ignore[blocking-sleep-in-async-function]
            # ruff: ignore[ASYNC230]
            # (the caller checked the size)
            data = open(
                path,
            ).read()
            more = open(path).read()  # ACK103
            return data, more
    ''', ["ACK101", "ACK103", "ACK302"])


def test_a_ruff_comment_naming_another_diagnosis_silences_nothing():
    check_marked('''
        import asyncio
        import time

        async def handler(path):
            time.sleep(0.1)  # ACK101  # ruff: ignore[asyncio-dangling-task]
            asyncio.create_task(asyncio.sleep(1))  # ACK302  # ruff: ignore[unused-variable, F841]
            # ruff: ignore[E501]
            asyncio.create_task(asyncio.sleep(2))  # ACK302
            # ruff: ignore[RUF006]
            await asyncio.sleep(0)
            asyncio.create_task(asyncio.sleep(3))  # ACK302  (the comment covered only the statement after it)
    ''', ["ACK101", "ACK302"])


def test_ruff_ranges_end_at_their_enable_or_where_the_block_ends():
    check_marked('''
        import time

        async def explicit():
            # ruff: disable[ASYNC251]
            time.sleep(0.1)
            time.sleep(0.2)
            # ruff: enable[ASYNC251]
            time.sleep(0.3)  # ACK101

        async def implicit():
            if True:
                # ruff: disable[blocking-sleep-in-async-function]
                time.sleep(0.1)
            time.sleep(0.2)  # ACK101

        async def mismatched():
            for _ in range(3):
                # ruff: disable[ASYNC251, E501]
                time.sleep(0.1)
                # ruff: enable[ASYNC251]  (another list: this ends nothing)
                time.sleep(0.2)
            time.sleep(0.3)  # ACK101
    ''', ["ACK101"])


def test_ruff_file_level_comments():
    check_marked('''
        # ruff: file-ignore[asyncio-dangling-task]
        import asyncio
        import time

        async def handler(path):
            asyncio.create_task(asyncio.sleep(1))
            time.sleep(0.1)  # ACK101
    ''', ["ACK101", "ACK302"])
    check_marked('''
        # ruff: noqa: ASYNC251
        import time

        async def handler(path):
            time.sleep(0.1)
            return open(path).read()  # ACK103
    ''', ["ACK101", "ACK103"])
    # a bare `# ruff: noqa` silences what ruff would report there, not what only asynccheck sees
    check_marked('''
        # ruff: noqa
        import asyncio
        import threading
        import time

        lock = threading.Lock()

        async def handler(path):
            time.sleep(0.1)
            asyncio.create_task(asyncio.sleep(1))
            with lock:  # ACK201
                await asyncio.sleep(1)
    ''', ["ACK101", "ACK201", "ACK302"])


def test_flake8_file_noqa_skips_the_file_as_flake8_does():
    check_marked('''
        # flake8: noqa
        import time

        async def handler():
            time.sleep(0.1)
    ''', ["ACK101"])
    # with codes flake8 does not skip the file (it warns), and neither do we; nor for the words in a string
    check_marked('''
        # flake8: noqa: E501
        import time

        HELP = "write '# flake8: noqa' to skip a file"

        async def handler():
            time.sleep(0.1)  # ACK101
    ''', ["ACK101"])
