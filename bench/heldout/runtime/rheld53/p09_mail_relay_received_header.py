"""A small SMTP relay on asyncio streams: it speaks enough of the protocol (HELO, MAIL, RCPT, DATA, QUIT) to
accept mail from the office printers, stamps each message with a `Received:` header naming the sending host,
and keeps it for the outbound queue."""
import asyncio
import socket


class Relay:
    def __init__(self):
        self.outbound = []

    def received_header(self, peer, helo):
        host = socket.gethostbyaddr(peer)[0]
        return f"Received: from {helo} ({host} [{peer}]) by relay.office"

    async def session(self, reader, writer):
        peer = writer.get_extra_info("peername")[0]
        writer.write(b"220 relay.office ESMTP\r\n")
        helo, sender, rcpts = "unknown", None, []
        while line := (await reader.readline()).decode().rstrip("\r\n"):
            verb, _, arg = line.partition(" ")
            verb = verb.upper()
            if verb == "HELO":
                helo = arg
                writer.write(b"250 hello\r\n")
            elif verb == "MAIL":
                sender = arg.split(":", 1)[1].strip("<>")
                writer.write(b"250 ok\r\n")
            elif verb == "RCPT":
                rcpts.append(arg.split(":", 1)[1].strip("<>"))
                writer.write(b"250 ok\r\n")
            elif verb == "DATA":
                writer.write(b"354 go ahead\r\n")
                body = []
                while (row := (await reader.readline()).decode().rstrip("\r\n")) != ".":
                    body.append(row)
                self.outbound.append((self.received_header(peer, helo), sender, rcpts, body))  # PLANT ACK105
                writer.write(b"250 queued\r\n")
            elif verb == "QUIT":
                writer.write(b"221 bye\r\n")
                break
            await writer.drain()
        await writer.drain()
        writer.close()
        await writer.wait_closed()


async def send_mail(port, sender, rcpt, lines):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    replies = [(await reader.readline())[:3].decode()]
    script = [f"HELO printer-2", f"MAIL FROM:<{sender}>", f"RCPT TO:<{rcpt}>", "DATA"]
    for command in script:
        writer.write(command.encode() + b"\r\n")
        replies.append((await reader.readline())[:3].decode())
    writer.write(("\r\n".join(lines) + "\r\n.\r\nQUIT\r\n").encode())
    replies += [(await reader.readline())[:3].decode() for _ in range(2)]
    writer.close()
    await writer.wait_closed()
    return replies


async def main():
    relay = Relay()
    server = await asyncio.start_server(relay.session, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    replies = await asyncio.gather(send_mail(port, "scan@office", "ana@corp", ["Subject: scan", "", "page 1"]),
                                   send_mail(port, "fax@office", "bo@corp", ["Subject: fax", "", "3 pages"]))
    server.close()
    await server.wait_closed()
    print(replies)
    print(sorted((sender, rcpts, body[0]) for _, sender, rcpts, body in relay.outbound))
    print(all(header.startswith("Received: from printer-2 (") for header, *_ in relay.outbound))


asyncio.run(main())
