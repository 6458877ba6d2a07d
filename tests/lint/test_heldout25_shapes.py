"""Shapes found wrong on a twenty-fifth held-out set (pipelines, worker pools, retries, supervisors and shutdown
paths): each flagged shape beside the look-alikes that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked


def test_a_handler_that_steps_the_counter_bounding_its_loop_still_goes_round_again():
    # the counter only bounds how often the cancel is swallowed: until it runs out, the coroutine sleeps and
    # awaits the next attempt, so `task.cancel()` does nothing
    check_marked('''
        import asyncio

        async def restart_on_crash(start_worker, limit: int = 3) -> None:
            crashes = 0
            while crashes < limit:
                try:
                    await start_worker()
                    return
                except BaseException:  # ACK601
                    crashes += 1
                    await asyncio.sleep(2 ** crashes)

        class Reconnector:
            def __init__(self, connect):
                self.connect = connect
                self.delay = 0.5

            async def run(self) -> None:
                while self.delay < 60:
                    try:
                        await self.connect()
                    except:  # ACK601
                        self.delay = self.delay * 2
                        await asyncio.sleep(self.delay)
    ''', ["ACK601"])


def test_a_handler_that_switches_off_its_loop_or_lets_the_cancel_through_is_not_going_round_again():
    # a flag set to a fixed value stops the loop; a counter stepped before `raise`, or in a handler that
    # cancellation passes by, swallows nothing
    check_marked('''
        import asyncio

        class Poller:
            def __init__(self, poll):
                self.poll = poll
                self.running = True

            async def run(self) -> None:
                while self.running:
                    try:
                        await self.poll()
                    except asyncio.CancelledError:
                        self.running = False

        async def restart_on_error(start_worker, limit: int = 3) -> None:
            crashes = 0
            while crashes < limit:
                try:
                    await start_worker()
                    return
                except Exception:
                    crashes += 1
                    await asyncio.sleep(2 ** crashes)

        async def restart_counting_cancels(start_worker, limit: int = 3) -> None:
            crashes = 0
            while crashes < limit:
                try:
                    await start_worker()
                    return
                except BaseException:
                    crashes += 1
                    raise

        def sync_restart(start_worker, limit: int = 3) -> None:
            crashes = 0
            while crashes < limit:
                try:
                    start_worker()
                    return
                except BaseException:
                    crashes += 1
    ''', ["ACK601"])


def test_a_coroutine_unpacked_into_a_name_and_then_used_as_its_result_is_never_awaited():
    # two loads written on one line, one of them missing its `await`: the name holds the coroutine, and
    # reading an attribute of it (or testing it) takes it for the result
    check_marked('''
        import asyncio

        class Store:
            async def load(self, key: str) -> dict:
                return {}

        async def compare(store: Store, inbox: asyncio.Queue) -> bool:
            current, incoming = store.load("head"), await inbox.get()  # ACK301
            return current["rev"] == incoming["rev"]

        async def both(store: Store) -> str:
            (head, tail) = (store.load("head"), store.load("tail"))  # ACK301 ACK301
            if not head:
                return tail.get("id", "")
            return ""
    ''', ["ACK301"])


def test_unpacked_calls_that_are_awaited_handed_on_or_sync_stay_quiet():
    # coroutines unpacked and then gathered or awaited, sync helpers unpacked and used, names merely swapped,
    # and a name unpacked into whose store is no read
    check_marked('''
        import asyncio

        class Store:
            async def load(self, key: str) -> dict:
                return {}

            def peek(self, key: str) -> dict:
                return {}

        async def gathered(store: Store) -> bool:
            head_c, tail_c = store.load("head"), store.load("tail")
            head, tail = await asyncio.gather(head_c, tail_c)
            return head["rev"] == tail["rev"]

        async def awaited_later(store: Store) -> bool:
            head_c, tail_c = store.load("head"), store.load("tail")
            return (await head_c)["rev"] == (await tail_c)["rev"]

        async def sync_pair(store: Store) -> bool:
            head, tail = store.peek("head"), store.peek("tail")
            return head["rev"] == tail["rev"]

        def plain_code(store: Store):
            head, tail = store.peek("head"), store.peek("tail")
            return head.get("rev"), tail

        async def swapped(a: dict, b: dict) -> str:
            a, b = b, a
            return a["rev"]
    ''', ["ACK301"])


def test_a_task_unpacked_into_a_local_that_is_never_read_again_is_dropped():
    # a reader and a writer started on one line: the one whose name is never read again is held by nobody
    check_marked('''
        import asyncio

        async def bridge(reader, writer, pump) -> None:
            upstream, downstream = asyncio.create_task(pump(reader)), asyncio.create_task(pump(writer))  # ACK302
            await upstream

        async def start_pair(pump, a, b) -> None:
            first, second = asyncio.create_task(pump(a)), asyncio.create_task(pump(b))  # ACK302 ACK302
    ''', ["ACK302"])


def test_tasks_unpacked_and_then_awaited_gathered_or_kept_by_a_closure_stay_quiet():
    check_marked('''
        import asyncio

        async def bridge(reader, writer, pump) -> None:
            upstream, downstream = asyncio.create_task(pump(reader)), asyncio.create_task(pump(writer))
            await asyncio.gather(upstream, downstream)

        async def start_pair(pump, a, b):
            first, second = asyncio.create_task(pump(a)), asyncio.create_task(pump(b))

            def stop() -> None:
                first.cancel()
                second.cancel()

            return stop

        class Pair:
            def __init__(self) -> None:
                self.tasks: list = []

            def start(self, pump, a, b) -> None:
                first, second = asyncio.create_task(pump(a)), asyncio.create_task(pump(b))
                self.tasks += [first, second]

        def not_tasks(a, b):
            first, second = str(a), str(b)
            return first
    ''', ["ACK302"])


def test_a_coroutine_on_the_right_of_a_comparison_is_taken_for_its_result():
    # `limit < pending` and `key in seen` read the name as the result just as `pending > limit` does
    check_marked('''
        import asyncio

        class Backlog:
            async def size(self) -> int:
                return 0

            async def keys(self) -> set:
                return set()

        async def over_limit(backlog: Backlog, limit: int) -> bool:
            pending = backlog.size()  # ACK301
            return limit < pending

        async def already_seen(backlog: Backlog, key: str) -> bool:
            seen = backlog.keys()  # ACK301
            return key in seen
    ''', ["ACK301"])


def test_results_and_sync_values_on_the_right_of_a_comparison_stay_quiet():
    check_marked('''
        import asyncio

        class Backlog:
            async def size(self) -> int:
                return 0

            def cached_size(self) -> int:
                return 0

        async def over_limit(backlog: Backlog, limit: int) -> bool:
            pending = await backlog.size()
            return limit < pending

        async def over_cached(backlog: Backlog, limit: int) -> bool:
            pending = backlog.cached_size()
            return limit < pending

        async def same_call(backlog: Backlog, other) -> bool:
            pending = backlog.size()
            return other is pending or await pending > 0
    ''', ["ACK301"])
