"""A websocket-like session dispatching messages to getattr(self, f"on_{kind}") without awaiting."""
import asyncio


class Session:
    def __init__(self):
        self.state = []

    async def on_ping(self, body):
        self.state.append("pong")

    async def on_join(self, body):
        self.state.append(f"joined {body}")

    async def receive(self, kind, body):
        method = getattr(self, f"on_{kind}", None)
        if method is not None:
            method(body)  # PLANT ACK301
        await asyncio.sleep(0)


async def main():
    s = Session()
    await s.receive("join", "room-1")
    print("state", s.state)


asyncio.run(main())
