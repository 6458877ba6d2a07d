"""A telnet-like line server on loopback: `WHOIS name` asks a directory service over asyncio streams."""
import asyncio

import _backend

DIRECTORY = _backend.start()


async def whois(name):
    reader, writer = await asyncio.open_connection(*DIRECTORY)
    writer.write(f"WHOIS {name}\n".encode())
    reply = await reader.readline()
    writer.close()
    await writer.wait_closed()
    return reply.decode().strip()


async def session(reader, writer):
    writer.write(b"welcome\n")
    while line := (await reader.readline()).decode().strip():
        cmd, _, arg = line.partition(" ")
        if cmd == "WHOIS":
            answer = await whois(arg)
        elif cmd == "QUIT":
            break
        else:
            answer = f"unknown command {cmd}"
        writer.write(answer.encode() + b"\n")
        await writer.drain()
    writer.close()


async def main():
    server = await asyncio.start_server(session, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    replies = [(await reader.readline()).decode().strip()]
    for cmd in ("WHOIS ada", "WHOIS grace", "PING", "WHOIS bob"):
        writer.write(cmd.encode() + b"\n")
        replies.append((await reader.readline()).decode().strip())
    writer.write(b"QUIT\n")
    writer.close()
    server.close()
    await server.wait_closed()
    print(replies)


asyncio.run(main())
