"""A Redis-like in-memory store over TCP (an asyncio Protocol): SET, GET, DEL and SAVE, whose snapshot is
written by the default executor while the connection waits for the reply."""
import asyncio
import json
import os
import tempfile

SNAPSHOT = os.path.join(tempfile.mkdtemp(prefix="kv-"), "dump.json")


def write_snapshot(data):
    with open(SNAPSHOT, "w") as f:
        json.dump(data, f, sort_keys=True)
    return "+OK saved"


class Store(asyncio.Protocol):
    data = {}

    def connection_made(self, transport):
        self.transport = transport
        self.buffer = b""
        self.replies = asyncio.Queue(maxsize=64)
        self.writer = asyncio.get_running_loop().create_task(self.write_replies())

    def connection_lost(self, exc):
        self.writer.cancel()

    async def write_replies(self):
        while True:
            reply = await self.replies.get()
            if isinstance(reply, asyncio.Future):
                reply = (await reply).encode()
            self.transport.write(reply + b"\n")

    def data_received(self, chunk):
        self.buffer += chunk
        while b"\n" in self.buffer:
            line, self.buffer = self.buffer.split(b"\n", 1)
            self.replies.put_nowait(self.execute(line.decode().split()))

    def execute(self, cmd):
        op, args = cmd[0].upper(), cmd[1:]
        if op == "SET":
            self.data[args[0]] = " ".join(args[1:])
            return b"+OK"
        if op == "GET":
            return ("$" + self.data.get(args[0], "(nil)")).encode()
        if op == "DEL":
            return b":%d" % (self.data.pop(args[0], None) is not None)
        if op == "SAVE":
            return asyncio.get_running_loop().run_in_executor(None, write_snapshot, dict(self.data))
        return b"-ERR unknown command"


async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(Store, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    replies = []
    for cmd in ("SET user:1 ann", "SET user:2 bob", "DEL user:2", "GET user:1", "SAVE", "PING"):
        writer.write(cmd.encode() + b"\n")
        replies.append((await reader.readline()).decode().strip())
    writer.close()
    await writer.wait_closed()
    server.close()
    await server.wait_closed()
    await asyncio.sleep(0.01)
    return replies


replies = asyncio.run(main())
with open(SNAPSHOT) as f:
    print(replies, json.load(f))
