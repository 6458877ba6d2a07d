"""`Condition.wait_for()` on the loop's thread is ACK106 whatever the predicate says when it is called: a predicate
that is already true returns before any wait, but the same line blocks on the next run (the arguments decide, as
for a queue's get that finds an item). A zero timeout never waits and stays quiet; a thread's own wait_for is not
the loop's business."""
from __future__ import annotations

import textwrap

from tests.runtime.test_programs import checked

PROGRAM = '''
import asyncio
import threading

ready = threading.Condition()


def elsewhere():
    with ready:
        ready.wait_for(lambda: True, timeout=1)


async def main():
    with ready:
        ready.wait_for(lambda: True, timeout=5)  # the finding
    with ready:
        ready.wait_for(lambda: True, timeout=0)
    await asyncio.to_thread(elsewhere)


asyncio.run(main())
print("done")
'''


def test_a_wait_for_whose_predicate_holds_already_is_reported_at_its_line(tmp_path):
    program = tmp_path / "waits.py"
    program.write_text(textwrap.dedent(PROGRAM))
    proc, data = checked(tmp_path, "--select", "ACK106", str(program))
    assert proc.returncode == 0 and proc.stdout == "done\n", proc.stderr
    found = [(f["code"], f["line"]) for f in data["findings"]]
    assert found == [("ACK106", 15)]
