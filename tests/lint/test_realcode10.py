"""False-alarm shapes found by linting real asyncio applications (chat bots, notebook and hub servers, bridges):
each look-alike must stay clean, beside the close case it must still flag."""
from tests.lint.helpers import check_marked


def test_patching_a_module_attribute_does_not_hide_the_calls_of_the_real_one():
    # `asyncio.create_task = fake` (a test patching the module for the rest of the program) is not an object's
    # slot replaced by this function: the calls before it, and the same calls elsewhere, are still asyncio's
    check_marked(
        """
        import asyncio


        async def spawn_then_patch(job, fake):
            asyncio.create_task(job())  # ACK302
            [asyncio.create_task(job())]  # ACK302
            asyncio.create_task = fake
        """,
        {"ACK302"},
    )


def test_an_attribute_the_function_itself_replaces_is_what_it_assigned_not_what_the_class_declares():
    # A test swaps an object's async client for a `Mock()` (`store.client = Mock()`) and then configures it:
    # `store.client.configure_mock(...)` is the mock's own sync method, not a command of the client the class
    # put there. Where the function assigns the attribute itself, the value it assigned decides (a real async
    # client assigned there still flags); a function that does not touch the attribute, or only resets it to
    # None after using it, or replaces the attribute of another object, still reads the class's declaration.
    check_marked(
        """
        from unittest import mock
        from redis import asyncio as aioredis


        class Store:
            def __init__(self):
                self.client = None

            async def connect(self):
                self.client = aioredis.Redis(host="db")


        async def test_get():
            store = Store()
            store.client = mock.Mock()
            store.client.configure_mock(**{"get.return_value": 1})
            store.client.get("k")


        async def forgets(store: Store):
            store.client.set("k", "v")  # ACK301


        async def swaps_in_a_real_client(store: Store):
            store.client = aioredis.Redis(host="replica")
            store.client.set("k", "v")  # ACK301


        async def resets_after_use(store: Store):
            store.client.set("k", "v")  # ACK301
            store.client = None


        async def replaces_another(store: Store, spare: Store):
            spare.client = mock.Mock()
            store.client.set("k", "v")  # ACK301
        """,
        ["ACK301"],
    )


def test_a_round_that_waits_for_its_tasks_through_as_completed_bounds_them():
    # A sync loop starts a fixed handful of requests each round (sync, flush, maybe a key upload) and handles
    # their responses with `for done in asyncio.as_completed(tasks): await done` before the next round: never
    # more than that handful in flight, as with `await asyncio.gather(*tasks)`. Collected across rounds and
    # only waited for after the loop, or iterated without awaiting, they still pile up.
    check_marked(
        """
        import asyncio


        async def rounds(client):
            while not client.stopped:
                tasks = [asyncio.ensure_future(c) for c in (client.sync(), client.flush())]
                if client.needs_keys:
                    tasks.append(asyncio.ensure_future(client.upload_keys()))
                for done in asyncio.as_completed(tasks):
                    await client.handle(await done)


        async def rounds_waited_after(client):
            tasks = []
            while not client.stopped:
                tasks.append(asyncio.ensure_future(client.sync()))  # ACK502
                await client.next_event()  # (not its own sleep: a loop paced by one is a ticker, see heldout14)
            for done in asyncio.as_completed(tasks):
                await done


        async def rounds_never_waited(client):
            while not client.stopped:
                tasks = [asyncio.ensure_future(client.sync())]  # ACK502
                for done in asyncio.as_completed(tasks):
                    print(done)
        """,
        ["ACK502"],
    )


def test_a_round_that_awaits_each_of_its_tasks_in_turn_bounds_them():
    # A parallel download asks each of a fixed set of connections for its next part, then awaits the parts in
    # order (`for task in tasks: data = await task`) before the next round: like gather, only one round's tasks
    # are ever in flight. Looping over the tasks without awaiting them (adding callbacks), or awaiting
    # something else in that loop, leaves them piling up round after round.
    check_marked(
        """
        import asyncio


        async def download(senders, parts, out):
            part = 0
            while part < parts:
                tasks = []
                for sender in senders:
                    tasks.append(asyncio.create_task(sender.next()))
                for task in tasks:
                    data = await task
                    out.write(data)
                    part += 1


        async def download_unwatched(senders, parts, done):
            part = 0
            while part < parts:
                tasks = []
                for sender in senders:
                    tasks.append(asyncio.create_task(sender.next()))  # ACK502
                for task in tasks:
                    task.add_done_callback(done)
                    part += 1
                    await asyncio.sleep(0)
        """,
        ["ACK502"],
    )


def test_a_spawn_loop_whose_test_is_a_capacity_check_of_the_class_is_bounded():
    # A scheduler starts pending jobs `while self._can_spawn():`, a method of its own class that compares the
    # number of running tasks with the limit: it stops at the limit, as `while len(running) < limit:` does.
    # A loop test that is a method with no such comparison (only "is anything pending?") bounds nothing.
    check_marked(
        """
        import asyncio


        class Scheduler:
            def __init__(self, limit):
                self._limit = limit
                self._pending = asyncio.Queue(maxsize=100)
                self._running = set()

            def _can_spawn(self):
                return not self._pending.empty() and len(self._running) < self._limit

            def _has_pending(self):
                return not self._pending.empty()

            async def spawner(self, wake):
                while True:
                    await wake.wait()
                    while self._can_spawn():
                        task = asyncio.create_task(self._pending.get_nowait())
                        self._running.add(task)
                        task.add_done_callback(self._running.discard)

            async def greedy_spawner(self, wake):
                while True:
                    await wake.wait()
                    while self._has_pending():
                        task = asyncio.create_task(self._pending.get_nowait())  # ACK502
                        self._running.add(task)
                        task.add_done_callback(self._running.discard)
        """,
        ["ACK502"],
    )
