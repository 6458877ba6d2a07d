"""A discovery client run with asyncio.Runner: each round pings peers over UDP with a blocking socket."""
import asyncio
import socket

import _udp_echo

PEER = _udp_echo.start()


def ping(name):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(2)
        s.sendto(name.encode(), PEER)
        reply, _ = s.recvfrom(2048)
        return reply.decode()


async def discover(round_no):
    found = []
    for name in ("alpha", "beta"):
        found.append(ping(f"{name}-{round_no}"))  # PLANT ACK105
        await asyncio.sleep(0.001)
    return found


with asyncio.Runner() as runner:
    for r in range(2):
        print(runner.run(discover(r)))
