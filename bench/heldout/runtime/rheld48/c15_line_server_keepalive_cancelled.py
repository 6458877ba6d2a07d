"""A line protocol server pings each idle client; the keepalive task is cancelled when the client leaves."""
import asyncio

PINGS = []


async def keepalive(writer, name):
    while True:
        try:
            await asyncio.sleep(0.02)
            writer.write(b"PING\n")
            PINGS.append(name)
        except (ConnectionError, OSError):
            break


async def session(reader, writer):
    name = (await reader.readline()).decode().strip()
    ka = asyncio.create_task(keepalive(writer, name))
    lines = 0
    while (line := await reader.readline()) and line.strip() != b"BYE":
        lines += 1
    ka.cancel()
    try:
        await ka
    except asyncio.CancelledError:
        pass
    writer.write(f"bye {name} after {lines}\n".encode())
    await writer.drain()
    writer.close()


async def client(port, name):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"{name}\nhello\n".encode())
    got = [(await reader.readline()).decode().strip()]  # (the first ping, however loaded the machine)
    writer.write(b"BYE\n")
    while line := await reader.readline():
        got.append(line.decode().strip())
    writer.close()
    return got[-1], got.count("PING") >= 1


async def main():
    server = await asyncio.start_server(session, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    print(await asyncio.gather(client(port, "amy"), client(port, "bo")))
    server.close()
    await server.wait_closed()
    print(sorted(set(PINGS)))


asyncio.run(main())
