"""A game lobby over plain asyncio streams (a websocket-like line protocol): players join, the lobby seats them
and tells everyone the table; a mutex guards the seating chart, which an admin thread also reads."""
import asyncio
import threading


class Lobby:
    def __init__(self):
        self.seats = {}
        self.writers = []
        self.chart_lock = threading.Lock()

    async def join(self, reader, writer):
        name = (await reader.readline()).decode().strip()
        self.writers.append(writer)
        with self.chart_lock:  # PLANT ACK201
            self.seats[name] = len(self.seats) + 1
            table = ",".join(f"{n}@{s}" for n, s in sorted(self.seats.items()))
            for w in self.writers:
                w.write(f"table {table}\n".encode())
                await w.drain()
        await reader.readline()
        writer.close()


async def player(port, name, updates):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"{name}\n".encode())
    await writer.drain()
    seen = [(await reader.readline()).decode().strip() for _ in range(updates)]
    writer.write(b"bye\n")
    await writer.drain()
    writer.close()
    await writer.wait_closed()
    return seen[-1]


async def main():
    lobby = Lobby()
    server = await asyncio.start_server(lobby.join, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    first = asyncio.create_task(player(port, "ann", 2))
    await asyncio.sleep(0.05)
    second = await player(port, "bob", 1)
    print(await first, second)
    server.close()
    await server.wait_closed()


asyncio.run(main())
