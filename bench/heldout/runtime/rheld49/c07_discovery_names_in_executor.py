"""A UDP discovery responder: answers DISCOVER probes with the service it offers, the peer's name looked up in a thread."""
import asyncio
import socket

SERVICE = "inventory-api 8081"


class Responder(asyncio.DatagramProtocol):
    def __init__(self):
        self.transport = None
        self.answered = 0
        self.answering = set()

    def connection_made(self, transport):
        self.transport = transport

    async def peer_name(self, host):
        loop = asyncio.get_running_loop()
        try:
            return (await loop.run_in_executor(None, socket.gethostbyaddr, host))[0]
        except OSError:
            return host

    async def answer(self, addr):
        reply = f"HERE {SERVICE} for {await self.peer_name(addr[0])}"
        self.transport.sendto(reply.encode(), addr)

    def datagram_received(self, data, addr):
        if not data.startswith(b"DISCOVER "):
            return
        wanted = data.split()[1].decode()
        if SERVICE.startswith(wanted):
            self.answered += 1
            task = asyncio.get_running_loop().create_task(self.answer(addr))
            self.answering.add(task)
            task.add_done_callback(self.answering.discard)


class Prober(asyncio.DatagramProtocol):
    def __init__(self):
        self.replies = asyncio.Queue()

    def datagram_received(self, data, addr):
        self.replies.put_nowait(data.decode())


async def main():
    loop = asyncio.get_running_loop()
    responder_transport, responder = await loop.create_datagram_endpoint(Responder, local_addr=("127.0.0.1", 0))
    port = responder_transport.get_extra_info("sockname")[1]
    prober_transport, prober = await loop.create_datagram_endpoint(Prober, local_addr=("127.0.0.1", 0))
    seen = []
    for wanted in ("inventory-api", "billing-api", "inventory"):
        prober_transport.sendto(f"DISCOVER {wanted}".encode(), ("127.0.0.1", port))
        try:
            seen.append(await asyncio.wait_for(prober.replies.get(), 0.5))
        except asyncio.TimeoutError:
            seen.append(f"no answer for {wanted}")
    prober_transport.close()
    responder_transport.close()
    print(seen, responder.answered)


asyncio.run(main())
