"""ACK501 and queues fed by done callbacks: a task's done callback runs once, when that task ends, so a queue
only they fill holds at most one item per task started. The backlog is the tasks; whatever starts them (a
scheduler with a limit, a prefetch window, one per request) decides how many there are, not the queue."""
from tests.lint.helpers import check_marked


def test_a_queue_fed_one_item_per_finished_task_is_quiet():
    check_marked(
        """
        import asyncio


        class Scheduler:
            def __init__(self):
                self.cleaning = asyncio.Queue()
                self.running = set()

            async def spawn(self, coro):
                task = asyncio.create_task(coro)
                self.running.add(task)
                task.add_done_callback(self._task_done)

            def _task_done(self, task):
                self.cleaning.put_nowait(task)

            async def cleaner(self):
                while True:
                    task = await self.cleaning.get()
                    self.running.discard(task)


        async def stream(requests, handle):
            finished = asyncio.Queue()

            def callback(future):
                finished.put_nowait(future)

            async for request in requests:
                future = asyncio.ensure_future(handle(request))
                future.add_done_callback(callback)
            while True:
                yield await finished.get()
        """,
        ["ACK501"],
    )


def test_a_queue_fed_per_event_or_several_items_per_task_still_flags():
    # call_soon per event, a method handed to a task's end and to a connection's message event, a method handed
    # out as an event handler: the queue grows with the traffic, not with the tasks.
    check_marked(
        """
        import asyncio


        async def watch(stream):
            seen = asyncio.Queue()  # ACK501

            def on_event(event):
                seen.put_nowait(event)

            async for event in stream:
                asyncio.get_running_loop().call_soon(on_event, event)
            return seen


        class Mixed:
            def __init__(self, conn):
                self.items = asyncio.Queue()  # ACK501
                conn.on("message", self._queue_it)

            async def run(self, coro):
                task = asyncio.ensure_future(coro)
                task.add_done_callback(self._queue_it)

            def _queue_it(self, item):
                self.items.put_nowait(item)


        class Client:
            def __init__(self, conn):
                self.inbox = asyncio.Queue()  # ACK501
                conn.subscribe(self._on_message)
                self.tasks = set()

            def _on_message(self, message):
                self.inbox.put_nowait(message)
        """,
        ["ACK501"],
    )
