"""A class-based app whose stop() forgets to await the server's wait_closed()."""
import asyncio


class App:
    def __init__(self):
        self.server = None
        self.hits = 0

    async def _client(self, reader, writer):
        self.hits += 1
        writer.write(b"bye\n")
        await writer.drain()
        writer.close()

    async def start(self):
        self.server = await asyncio.start_server(self._client, "127.0.0.1", 0)
        return self.server.sockets[0].getsockname()[1]

    async def stop(self):
        self.server.close()
        self.server.wait_closed()  # PLANT ACK301
        await asyncio.sleep(0.01)


async def main():
    app = App()
    port = await app.start()
    r, w = await asyncio.open_connection("127.0.0.1", port)
    print((await r.readline()).decode().strip())
    w.close()
    await app.stop()
    print("hits", app.hits)


asyncio.run(main())
