import asyncio
import time


def tick(fut):
    time.sleep(0.01)  # ACK101: a callback the loop runs is where the program's code begins
    fut.set_result(1)


class Upper(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        with open(__file__) as fh:  # ACK103: a protocol method the loop calls
            fh.read(1)
        self.transport.write(data.upper())


def on_done(task):
    time.sleep(0.001)  # ACK101


def later():
    time.sleep(0.001)  # ACK101


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_soon(tick, fut)
    await fut
    server = await loop.create_server(Upper, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"x")
    echoed = await reader.readexactly(1)
    writer.close()
    server.close()
    await server.wait_closed()
    task = asyncio.ensure_future(asyncio.sleep(0))
    task.add_done_callback(on_done)
    await task
    loop.call_later(0.001, later)
    await asyncio.sleep(0.05)
    print("callbacks", echoed)


# run by the loop's own methods from the module: the module's line is not where the callbacks' code begins
loop = asyncio.new_event_loop()
loop.run_until_complete(main())
loop.close()
