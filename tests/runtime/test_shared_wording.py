"""The runtime checker says what the linter says of the same call: ACK201 for a re-entrant lock lets the loop's
other tasks in (a plain lock makes them block the loop); ACK106 for `select.select()` waits for a descriptor."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from asynccheck.wording import REENTRANT_HELD, SELECT_WAIT

PROGRAM = '''
import asyncio
import threading

lock = threading.{kind}()


async def main():
    with lock:
        await asyncio.sleep(0.01)


asyncio.run(main())
'''


def lock_message(tmp_path, kind: str) -> str:
    program = tmp_path / "held.py"
    program.write_text(textwrap.dedent(PROGRAM).replace("{kind}", kind))
    report = tmp_path / "report.json"
    subprocess.run([sys.executable, "-m", "asynccheck", "run", "--select", "ACK201", "--format", "json",
                    "--output", str(report), str(program)], capture_output=True, text=True, timeout=120)
    (finding,) = json.loads(report.read_text())["findings"]
    return finding["message"]


def test_rlock_held_across_await_lets_the_loops_tasks_in(tmp_path):
    message = lock_message(tmp_path, "RLock")
    assert REENTRANT_HELD in message
    assert "block the loop" not in message


def test_plain_lock_held_across_await_blocks_the_loop(tmp_path):
    message = lock_message(tmp_path, "Lock")
    assert "other tasks that take it block the loop" in message
    assert "re-entrant" not in message


def test_select_at_run_time_waits_for_a_descriptor(tmp_path):
    program = tmp_path / "selecting.py"
    program.write_text(textwrap.dedent('''
        import asyncio
        import os
        import select


        async def main():
            r, w = os.pipe()
            os.write(w, b"x")
            select.select([r], [], [], 0.01)


        asyncio.run(main())
    '''))
    report = tmp_path / "report.json"
    subprocess.run([sys.executable, "-m", "asynccheck", "run", "--select", "ACK106", "--format", "json",
                    "--output", str(report), str(program)], capture_output=True, text=True, timeout=120)
    (finding,) = json.loads(report.read_text())["findings"]
    assert SELECT_WAIT in finding["message"] and "another thread" not in finding["message"]
