"""A client whose request object is awaitable; a fire-and-forget send wraps it with ensure_future."""
import asyncio

SENT = []


class Request:
    def __init__(self, body):
        self.body = body

    def __await__(self):
        yield from asyncio.sleep(0.02).__await__()
        SENT.append(self.body)
        return len(self.body)


async def main():
    asyncio.ensure_future(Request("ping"))  # PLANT ACK302
    await asyncio.sleep(0.1)
    print(SENT)


asyncio.run(main())
