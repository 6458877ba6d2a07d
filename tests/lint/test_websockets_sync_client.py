"""websockets' sync API in a coroutine (ACK105): connecting, each send/recv/close of the connection it returns
(made by `connect`, entered with `with`, or typed as the client connection) and iterating it. Look-alikes: the
asyncio API awaited, the same code in a sync function or handed to a worker thread."""
from __future__ import annotations

from .helpers import check_marked


def test_websockets_sync_connection_in_a_coroutine():
    check_marked('''
        import asyncio

        import websockets
        from websockets.sync.client import ClientConnection
        from websockets.sync.client import connect as sync_connect


        async def snapshot(url):
            with sync_connect(url) as ws:  # ACK105
                ws.send("snapshot")  # ACK105
                return ws.recv()  # ACK105


        async def stream(url, handle):
            ws = sync_connect(url)  # ACK105
            for msg in ws:  # ACK105
                await handle(msg)


        async def hang_up(ws: ClientConnection):
            ws.close()  # ACK105


        async def snapshot_async(url):
            async with websockets.connect(url) as ws:
                await ws.send("snapshot")
                return await ws.recv()


        def snapshot_sync(url):
            with sync_connect(url) as ws:
                return ws.recv()


        async def snapshot_offloaded(url):
            def run():
                with sync_connect(url) as ws:
                    return ws.recv()

            return await asyncio.to_thread(run)
    ''', ["ACK105"])
