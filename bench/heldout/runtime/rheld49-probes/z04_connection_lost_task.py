import asyncio
GONE = []
async def cleanup(peer):
    await asyncio.sleep(0.01)
    GONE.append(peer)
class Conn(asyncio.Protocol):
    def connection_made(self, t): self.peer = "client"
    def connection_lost(self, exc):
        asyncio.get_running_loop().create_task(cleanup(self.peer))  # PLANT ACK302
async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(Conn, "127.0.0.1", 0)
    r, w = await asyncio.open_connection("127.0.0.1", server.sockets[0].getsockname()[1])
    w.close(); await w.wait_closed()
    while not GONE: await asyncio.sleep(0.01)
    server.close()
    print(GONE)
asyncio.run(main())
