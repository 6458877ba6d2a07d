"""False-alarm shapes found by linting more real asyncio code (MQTT brokers and clients, an agent SDK, a model
server): each look-alike must stay quiet (or get the milder code), beside the close case that must still flag."""
from tests.lint.helpers import check_marked


def test_sync_drain_loop_after_swallowing_is_still_winding_down():
    # A reader task that breaks out of its loop on cancellation, cancels what it started with a plain `while`
    # over a local deque and awaits its teardown runs straight to its end: its cancel is deferred, not lost
    # (ACK602). A `while` after it that awaits may run on for ever: that one still carries on (ACK601).
    check_marked(
        """
        import asyncio
        from collections import deque


        class Reader:
            def start(self):
                self._task = asyncio.create_task(self._read_loop())
                self._other = asyncio.create_task(self._read_again())

            async def wait_closed(self):  # awaits them with nobody's cancel first: swallowing costs its caller
                await self._task
                await self._other

            async def _read_loop(self):
                pending = deque()
                while True:
                    try:
                        item = await self.stream.read()
                        pending.append(asyncio.create_task(self.handle(item)))
                    except asyncio.CancelledError:  # ACK602
                        break
                while pending:
                    pending.popleft().cancel()
                await self.closed()

            async def _read_again(self):
                while True:
                    try:
                        item = await self.stream.read()
                    except asyncio.CancelledError:  # ACK601
                        break
                while self.backlog:
                    await self.flush_one()
        """,
        ["ACK601", "ACK602"],
    )


def test_return_await_in_a_branch_of_a_task_function_ends_it():
    # A task's own function that hands one case off with `return await variant()` ends with the variant:
    # nothing carries on after the variant swallows the cancellation, so it just ends the task (ACK602), as
    # when the variant is awaited last. A caller that awaits the variant and then goes on still flags.
    check_marked(
        """
        import asyncio


        async def _pump_mixed(source):
            while True:
                try:
                    await source.next()
                except asyncio.CancelledError:  # ACK602
                    break


        async def pump(source, mixed):
            if mixed:
                return await _pump_mixed(source)
            await source.plain()


        async def _pump_other(source):
            while True:
                try:
                    await source.next()
                except asyncio.CancelledError:  # ACK601
                    break


        async def pump_then_more(source):
            if source.mixed:
                await _pump_other(source)
            await source.plain()


        async def start(source, loop):
            loop.create_task(pump_then_more(source))
            pending = pump(source, True)
            await asyncio.wait_for(loop.create_task(pending), 5)  # (a timeout that counts on the cancel)
        """,
        ["ACK601", "ACK602"],
    )


def test_cancellation_noted_in_a_flag_the_caller_gets_back_is_deferred():
    # A transition that must finish once started shields it and, when cancelled meanwhile, notes that in a
    # local flag which it returns (or raises on) once the work is done: the cancel is deferred, not lost. Going
    # round again with nothing noted, or noting it in a flag nobody reads, still swallows it.
    check_marked(
        """
        import asyncio


        async def settle(work):
            task = asyncio.create_task(work())
            cancelled = False
            while not task.done():
                try:
                    await asyncio.shield(task)
                except asyncio.CancelledError:
                    cancelled = True
            return task.result(), cancelled


        async def settle_then_raise(work):
            task = asyncio.create_task(work())
            interrupted = False
            while not task.done():
                try:
                    await asyncio.shield(task)
                except asyncio.CancelledError:
                    interrupted = True
            if interrupted:
                raise asyncio.CancelledError
            return task.result()


        async def settle_forgetting(work):
            task = asyncio.create_task(work())
            while not task.done():
                try:
                    await asyncio.shield(task)
                except asyncio.CancelledError:  # ACK601
                    continue
            return task.result()


        async def settle_unread(work):
            task = asyncio.create_task(work())
            seen = False
            while not task.done():
                try:
                    await asyncio.shield(task)
                except asyncio.CancelledError:  # ACK601
                    seen = True
            print("done", task.result())
        """,
        ["ACK601", "ACK602"],
    )


def test_slot_acquired_through_a_task_raced_against_stop_bounds_the_spawns():
    # A worker loop that takes a semaphore slot through a task, so that it can race the wait against a stop
    # signal, and only then starts a job task, runs at most the semaphore's count at once. A slot task that
    # is started but never awaited gates nothing: still one task per item with no bound.
    check_marked(
        """
        import asyncio


        async def first_of(*aws):
            await asyncio.wait(aws, return_when=asyncio.FIRST_COMPLETED)


        class Worker:
            def __init__(self, limit):
                self.slots = asyncio.Semaphore(limit)
                self.stopping = asyncio.Event()

            async def run(self, source):
                while not self.stopping.is_set():
                    slot = asyncio.create_task(self.slots.acquire())
                    await first_of(slot, self.stopping.wait())
                    job = await source.fetch()
                    task = asyncio.create_task(self.process(job))
                    task.add_done_callback(lambda _t: self.slots.release())

            async def run_ungated(self, source):
                while not self.stopping.is_set():
                    slot = asyncio.create_task(self.slots.acquire())  # ACK502
                    job = await source.fetch()
                    task = asyncio.create_task(self.process(job))  # ACK502
                    task.add_done_callback(lambda _t: self.slots.release())

            async def process(self, job):
                await job.run()
        """,
        ["ACK502"],
    )


def test_request_that_awaits_its_answer_in_the_same_round_is_paced():
    # A loop that asks a worker task for the next item through one queue and then, in the same round, awaits
    # the answer on another (here under a timeout) never has more than one request outstanding. A relay that
    # takes from its input first and puts after waits for its input, not for its consumer: still reported.
    check_marked(
        """
        import asyncio


        async def _within(awaitable, seconds):
            async with asyncio.timeout(seconds):
                return await awaitable


        async def _serve(requests, replies, source):
            while True:
                await requests.get()
                await replies.put(await source.next())


        async def ask_each(source, timeout):
            requests = asyncio.Queue()
            replies = asyncio.Queue(maxsize=1)
            asyncio.create_task(_serve(requests, replies, source))
            while True:
                requests.put_nowait(None)
                answer = await _within(replies.get(), timeout)
                if answer is None:
                    return


        async def relay(inbox, sink):
            outbox = asyncio.Queue()  # ACK501
            asyncio.create_task(sink(outbox))
            while True:
                item = await inbox.get()
                outbox.put_nowait(item)
        """,
        ["ACK501"],
    )
