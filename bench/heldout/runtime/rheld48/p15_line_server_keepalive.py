"""A line protocol server pings each client; keepalive tasks are kept in a registry until the process shuts down."""
import asyncio

PINGS = []
KEEPALIVES = set()


async def keepalive(writer, name):
    while True:
        try:
            await asyncio.sleep(0.02)
            if writer.is_closing():
                return
            writer.write(b"PING\n")
            PINGS.append(name)
        except BaseException:  # PLANT ACK602
            PINGS.append(f"{name} stopped")
            break


async def session(reader, writer):
    name = (await reader.readline()).decode().strip()
    KEEPALIVES.add(asyncio.create_task(keepalive(writer, name)))
    lines = 0
    while (line := await reader.readline()) and line.strip() != b"BYE":
        lines += 1
    writer.write(f"bye {name} after {lines}\n".encode())
    await writer.drain()


async def client(port, name):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"{name}\nhello\n".encode())
    got = [(await reader.readline()).decode().strip()]  # (the first ping, however loaded the machine)
    writer.write(b"BYE\n")
    while (line := (await reader.readline()).decode().strip()) != f"bye {name} after 1":
        got.append(line)
    writer.close()
    return line, got.count("PING") >= 1


async def main():
    server = await asyncio.start_server(session, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    print(await asyncio.gather(client(port, "amy"), client(port, "bo")))
    server.close()
    print(sorted(set(p for p in PINGS if " " not in p)))


asyncio.run(main())
print(sorted(p for p in PINGS if " " in p))
