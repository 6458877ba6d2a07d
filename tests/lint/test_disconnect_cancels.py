"""ACK601/ACK602 and frameworks that cancel a handler to say its peer went away: quart cancels the task waiting
in `websocket.receive()` (or `send()`) when the client disconnects, and its guide says to catch that
`CancelledError` to notice it. A handler around only those awaits that ends its stream there loses nothing."""
from tests.lint.helpers import check_marked

CODES = ["ACK601", "ACK602"]


def test_a_quart_websocket_disconnect_caught_as_a_cancel_is_quiet():
    check_marked('''
        import asyncio

        from quart import Websocket, websocket


        class Adapter:
            def __init__(self, socket: Websocket) -> None:
                self.ws = socket

            async def messages(self):
                try:
                    while True:
                        message = await self.ws.receive()
                        yield message
                except asyncio.CancelledError:
                    pass


        async def echo():
            try:
                while True:
                    data = await websocket.receive()
                    await websocket.send(data)
            except asyncio.CancelledError:
                print("client went away")
    ''', CODES)


def test_other_awaits_or_other_sockets_in_the_try_still_count():
    # a database write beside the receive (a cancel there is a real one), a starlette socket (it raises
    # WebSocketDisconnect, not a cancel), a namesake `receive()` of an unknown object
    check_marked('''
        import asyncio

        from quart import websocket
        from starlette.websockets import WebSocket


        async def store(db):
            try:
                while True:
                    data = await websocket.receive()
                    await db.save(data)
            except asyncio.CancelledError:  # ACK602
                print("stopped")


        async def relay(socket: WebSocket):
            try:
                while True:
                    await socket.receive_text()
            except asyncio.CancelledError:  # ACK602
                print("stopped")


        async def drain(inbox):
            try:
                while True:
                    await inbox.receive()
            except asyncio.CancelledError:  # ACK602
                print("stopped")
    ''', CODES)
