"""A chat room over asyncio streams: each line a member sends is broadcast to the other members."""
import asyncio


class Room:
    def __init__(self):
        self.members = {}

    async def handle(self, reader, writer):
        name = (await reader.readline()).decode().strip()
        self.members[name] = writer
        while line := await reader.readline():
            self.broadcast(name, line.decode().strip())
        del self.members[name]
        writer.close()

    def broadcast(self, sender, text):
        for name, w in self.members.items():
            if name != sender:
                w.write(f"<{sender}> {text}\n".encode())
                w.drain()  # PLANT ACK301


async def member(port, name, lines, expect):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"{name}\n".encode())
    await asyncio.sleep(0.05)
    for line in lines:
        writer.write(f"{line}\n".encode())
        await writer.drain()
        await asyncio.sleep(0.01)
    heard = []
    while len(heard) < expect:
        heard.append((await reader.readline()).decode().strip())
    writer.close()
    await writer.wait_closed()
    return heard


async def main():
    room = Room()
    server = await asyncio.start_server(room.handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    heard = await asyncio.gather(member(port, "ann", ["hi", "bye"], 1), member(port, "bob", ["yo"], 2))
    server.close()
    await server.wait_closed()
    print(heard)


asyncio.run(main())
