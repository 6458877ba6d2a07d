"""A telnet-like line server on loopback: `WHOIS name` asks a directory service and relays its answer."""
import asyncio
import socket

import _backend

DIRECTORY = _backend.start()


def whois(name):
    with socket.create_connection(DIRECTORY, timeout=5) as s:
        s.sendall(f"WHOIS {name}\n".encode())
        reply = s.recv(1024)
    return reply.decode().strip()


async def session(reader, writer):
    writer.write(b"welcome\n")
    while line := (await reader.readline()).decode().strip():
        cmd, _, arg = line.partition(" ")
        if cmd == "WHOIS":
            answer = whois(arg)  # PLANT ACK105
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
