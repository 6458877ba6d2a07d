"""A Redis-like in-memory store over TCP (an asyncio Protocol): SET, GET, DEL and SAVE, which writes a snapshot."""
import asyncio
import json
import os
import tempfile

SNAPSHOT = os.path.join(tempfile.mkdtemp(prefix="kv-"), "dump.json")


class Store(asyncio.Protocol):
    data = {}

    def connection_made(self, transport):
        self.transport = transport
        self.buffer = b""

    def data_received(self, chunk):
        self.buffer += chunk
        while b"\n" in self.buffer:
            line, self.buffer = self.buffer.split(b"\n", 1)
            self.transport.write(self.execute(line.decode().split()) + b"\n")  # PLANT ACK103

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
            return self.save()
        return b"-ERR unknown command"

    def save(self):
        with open(SNAPSHOT, "w") as f:
            json.dump(self.data, f, sort_keys=True)
        return b"+OK saved"


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
    return replies


replies = asyncio.run(main())
with open(SNAPSHOT) as f:
    print(replies, json.load(f))
