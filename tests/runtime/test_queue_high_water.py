"""ACK501's check after each put (runtime/threads.py, ``_HIGH_WATER``) reads the queue's length only while no getter
waits: a `get()` waits only on an empty queue, and each put wakes one getter, so while one waits the queue holds
at most one item per getter woken and not yet run. A queue filled and drained between two looks of the watchdog
is still reported once its getters are woken."""
import asyncio
import inspect

import asynccheck

COUNT = 31  # past the threshold below


def _line(text: str) -> int:
    lines = inspect.getsource(inspect.getmodule(_line)).splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line and "_line(" not in line)


def _ack501(session):
    return [(f.path, f.line) for f in session.findings if f.code == "ACK501"]


async def _burst_past_a_waiting_getter():
    inbox = asyncio.Queue()  # burst
    got = []

    async def consume():
        for _ in range(COUNT):
            got.append(await inbox.get())

    consumer = asyncio.create_task(consume())
    await asyncio.sleep(0)  # the consumer waits on the empty queue
    for i in range(COUNT):
        inbox.put_nowait(i)  # the first put wakes it; the rest, in the same step, grow the queue
    await consumer
    assert inbox.empty() and len(got) == COUNT


async def _one_item_per_waiting_getter():
    inbox = asyncio.Queue()  # one per getter
    got = []

    async def consume():
        got.append(await inbox.get())

    consumers = [asyncio.create_task(consume()) for _ in range(COUNT)]
    await asyncio.sleep(0)  # every consumer waits on the empty queue
    for i in range(COUNT):
        inbox.put_nowait(i)  # each put wakes one of them: every item is taken at the loop's next iteration
    await asyncio.gather(*consumers)
    assert inbox.empty() and len(got) == COUNT


def test_a_queue_filled_past_the_threshold_after_its_getter_was_woken_is_reported():
    with asynccheck.watch(queue_threshold=20) as session:
        asyncio.run(_burst_past_a_waiting_getter())
    assert _ack501(session) == [(__file__, _line("# burst"))]


def test_a_queue_holding_one_item_per_waiting_getter_is_not_reported():
    with asynccheck.watch(queue_threshold=20) as session:
        asyncio.run(_one_item_per_waiting_getter())
    assert _ack501(session) == []
