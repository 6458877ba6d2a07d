"""An MQTT-like broker over asyncio streams: clients SUBSCRIBE to topic filters (`+` and `#` wildcards), PUBLISH
messages, and get the retained message of every matching topic as soon as they subscribe (sent by a task the
broker keeps until it is done)."""
import asyncio


def matches(pattern, topic):
    p, t = pattern.split("/"), topic.split("/")
    for i, part in enumerate(p):
        if part == "#":
            return True
        if i >= len(t) or (part != "+" and part != t[i]):
            return False
    return len(p) == len(t)


class Broker:
    def __init__(self):
        self.retained = {}
        self.subs = []
        self.sending = set()

    async def send_retained(self, writer, pattern):
        for topic, payload in sorted(self.retained.items()):
            if matches(pattern, topic):
                writer.write(f"MSG {topic} {payload}\n".encode())
                await writer.drain()
                await asyncio.sleep(0.005)
        writer.write(b"END\n")
        await writer.drain()

    async def client(self, reader, writer):
        while line := await reader.readline():
            verb, *rest = line.decode().split()
            if verb == "PUB":
                topic, payload = rest
                self.retained[topic] = payload
            elif verb == "SUB":
                self.subs.append((rest[0], writer))
                task = asyncio.create_task(self.send_retained(writer, rest[0]))
                self.sending.add(task)
                task.add_done_callback(self.sending.discard)
        writer.close()


async def subscriber(port, pattern):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"SUB {pattern}\n".encode())
    got = []
    while (line := (await reader.readline()).decode().strip()) != "END":
        got.append(line)
    writer.close()
    await writer.wait_closed()
    return pattern, got


async def main():
    broker = Broker()
    server = await asyncio.start_server(broker.client, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for topic, payload in [("home/kitchen/temp", "21.5"), ("home/hall/temp", "19.0"), ("home/kitchen/door", "shut"),
                           ("office/desk/temp", "23.1")]:
        writer.write(f"PUB {topic} {payload}\n".encode())
    await writer.drain()
    await asyncio.sleep(0.05)
    for pattern, got in await asyncio.gather(*(subscriber(port, p) for p in ("home/+/temp", "home/#", "+/desk/+"))):
        print(pattern, got)
    writer.close()
    await writer.wait_closed()
    server.close()
    await server.wait_closed()


asyncio.run(main())
