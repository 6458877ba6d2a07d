"""ACK501's stack: where the queue was made, as the frames stood then, although its lines are only looked up once
the queue is reported (runtime/loop.py keeps the frames' code and instruction, not their lines)."""
import asyncio
import inspect

import asynccheck
from asynccheck.runtime import frames


def _line(text: str) -> int:
    lines = inspect.getsource(inspect.getmodule(_line)).splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line and "_line(" not in line)


def _make():
    return asyncio.Queue()  # made here


async def _producer():
    inbox = _make()  # helper called here
    await asyncio.sleep(0)
    for i in range(30):  # the caller's frame has moved on by the time it grows
        inbox.put_nowait(i)


def _ack501(session):
    return [f for f in session.findings if f.code == "ACK501"]


def test_the_stack_is_the_frames_where_the_queue_was_made_not_where_it_grew():
    with asynccheck.watch(queue_threshold=20) as session:
        asyncio.run(_producer())
    found = _ack501(session)
    assert [(f.path, f.line) for f in found] == [(__file__, _line("# made here"))]
    # (outermost first: the test's own frame that ran the loop, then the coroutine's)
    ours = [(frame.line, frame.function) for frame in found[0].stack if frame.path == __file__]
    assert ours[-2:] == [(_line("# helper called here"), "_producer"), (_line("# made here"), "_make")]


def test_a_queue_that_never_grows_has_no_line_looked_up(monkeypatch):
    looked = []
    real = frames.line_at
    monkeypatch.setattr(frames, "line_at", lambda code, offset: looked.append(code) or real(code, offset))

    async def main():
        queues = [_make() for _ in range(5)]
        for queue in queues:
            queue.put_nowait(1)

    with asynccheck.watch(queue_threshold=20) as session:
        asyncio.run(main())
    assert _ack501(session) == [] and looked == []
