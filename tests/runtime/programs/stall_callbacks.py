import asyncio
import time


def crunch(done):
    total, until = 0, time.thread_time() + 0.3  # 0.3 s of CPU: neither an idle nor a loaded machine changes it
    while time.thread_time() < until: total += 1  # ACK120: a callback that keeps the loop busy
    done.set_result(total)


class Slow(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        total, until = 0, time.thread_time() + 0.3
        while time.thread_time() < until: total -= 1  # ACK120: so does a protocol method
        self.transport.write(data)


async def chunked():
    total = 0
    for i in range(600_000):
        total += i * i
        if i % 1_000 == 0:
            await asyncio.sleep(0)  # well under a ms per step: one task's many short steps are not a stall
    return total


async def main():
    loop = asyncio.get_running_loop()
    await chunked()
    done = loop.create_future()
    loop.call_soon(crunch, done)
    await done
    server = await loop.create_server(Slow, "127.0.0.1", 0)
    reader, writer = await asyncio.open_connection("127.0.0.1", server.sockets[0].getsockname()[1])
    writer.write(b"x")
    await reader.readexactly(1)
    writer.close()
    server.close()
    print("crunched")


asyncio.run(main())
