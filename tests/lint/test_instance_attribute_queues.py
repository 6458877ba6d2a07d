"""ACK501 for a queue a class makes in `__init__` (`self.todo = asyncio.Queue()`) and code elsewhere in the module
fills through an instance (`frontier.todo.put(link)`, the instance a parameter declared as the class or a local
made by calling it). Look-alikes: the same attribute name on another class's instances, an instance producer
that waits for each reply, a queue seeded once in `__init__` and only drained."""
from __future__ import annotations

from .helpers import check_marked


def test_a_queue_attribute_filled_through_an_instance_elsewhere():
    check_marked('''
        import asyncio


        class Frontier:
            def __init__(self, seeds):
                self.todo = asyncio.Queue()  # ACK501
                for s in seeds:
                    self.todo.put_nowait(s)


        class Seeded:
            def __init__(self, seeds):
                self.todo: asyncio.Queue[str] = asyncio.Queue()
                for s in seeds:
                    self.todo.put_nowait(s)

            async def drain(self, handle):
                while not self.todo.empty():
                    await handle(self.todo.get_nowait())


        class Inbox:
            def __init__(self):
                self.letters: asyncio.Queue[str] = asyncio.Queue()  # ACK501


        class Asker:
            def __init__(self):
                self.offers: asyncio.Queue = asyncio.Queue()

            async def serve(self):
                while True:
                    fut = await self.offers.get()
                    fut.set_result(True)


        async def visit(frontier: Frontier, page: str) -> None:
            for link in page.split():
                await frontier.todo.put(link)


        async def feed(source) -> None:
            box = Inbox()
            async for letter in source:
                box.letters.put_nowait(letter)


        async def other_todo(seeded: Seeded, page: str) -> None:
            # the same attribute name on another class: not Frontier's queue
            for link in page.split():
                print(seeded.todo.qsize(), link)


        async def ask(asker: Asker, loop) -> bool:
            for _ in range(3):
                answer = loop.create_future()
                asker.offers.put_nowait(answer)
                if await answer:
                    return True
            return False
    ''', ["ACK501"])
