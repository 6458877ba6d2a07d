"""Shapes found by linting real asyncio libraries (bot frameworks, vector-store clients, ORMs, chat servers):
each look-alike must stay quiet, beside the close case that must still be flagged."""
from __future__ import annotations

from tests.lint.helpers import check_marked

QUEUES = ["ACK501"]


def test_a_fresh_queue_handed_once_to_a_handler_named_coroutine_gets_its_one_end_marker():
    # each streamed reply makes its own queue and hands it to one run of the relay, which ends it with a
    # marker: the relay's `on_` name says it may run per message, but each run fills only the queue it was
    # handed here, once
    check_marked(
        """
        import asyncio


        class Relay:
            async def on_reply(self, produce, prompt, queue):
                await produce(prompt)
                await queue.put(None)

            def streamer(self, produce, prompt):
                async def stream(response):
                    replies = asyncio.Queue()
                    job = asyncio.ensure_future(self.on_reply(produce, prompt, replies))
                    while (item := await replies.get()) is not None:
                        await response.write(item)
                    await job

                return stream
        """,
        QUEUES,
    )


def test_a_fresh_queue_handed_to_a_producer_on_every_round_of_a_loop_is_still_flagged():
    # the same relay, handed the one queue again on every round of an open-ended loop: nothing bounds it
    check_marked(
        """
        import asyncio


        class Relay:
            async def on_reply(self, produce, prompt, queue):
                await queue.put(await produce(prompt))

            async def pump(self, produce, prompts, response):
                replies = asyncio.Queue()  # ACK501
                async for prompt in prompts:
                    asyncio.ensure_future(self.on_reply(produce, prompt, replies))
                while True:
                    await response.write(await replies.get())
        """,
        QUEUES,
    )


def test_a_fresh_queue_handed_once_to_a_function_that_fills_it_in_a_loop_is_still_flagged():
    # handed over once, but the function it goes to puts on every round of a stream: the open end is there
    check_marked(
        """
        import asyncio


        async def on_frames(socket, queue):
            async for frame in socket:
                queue.put_nowait(frame)


        async def relay(socket, sink):
            frames = asyncio.Queue()  # ACK501
            reader = asyncio.ensure_future(on_frames(socket, frames))
            try:
                while True:
                    await sink.send(await frames.get())
            finally:
                reader.cancel()
        """,
        QUEUES,
    )


def test_a_shared_queue_filled_by_a_handler_named_coroutine_is_still_flagged():
    # the handler fills the object's one queue on every event: that is the open end the name stands for
    check_marked(
        """
        import asyncio


        class Relay:
            def __init__(self):
                self.replies = asyncio.Queue()  # ACK501

            async def on_reply(self, reply):
                await self.replies.put(reply)
        """,
        QUEUES,
    )
