"""A sensor gateway: field units send UDP datagrams of packed readings (sensor id, value); the gateway queues
each datagram whole for the writer, which unpacks and stores one datagram's readings as a batch."""
import asyncio
import socket
import struct
import threading
import time

READING = struct.Struct("!Hh")


class Gateway(asyncio.DatagramProtocol):
    def __init__(self):
        self.batches = asyncio.Queue()
        self.datagrams = 0

    def datagram_received(self, data, addr):
        self.datagrams += 1
        self.batches.put_nowait(data)


def field_units(port, datagrams, per):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        for d in range(datagrams):
            s.sendto(b"".join(READING.pack((d * per + i) % 64, i % 300 - 150) for i in range(per)), ("127.0.0.1", port))
            time.sleep(0.001)


async def writer(queue, expected):
    stored, total = 0, 0
    while stored < expected:
        batch = await queue.get()
        for sensor, value in READING.iter_unpack(batch):
            stored += 1
            total += value
        await asyncio.sleep(0.02)
    return stored, total


async def main():
    loop = asyncio.get_running_loop()
    transport, gateway = await loop.create_datagram_endpoint(Gateway, local_addr=("127.0.0.1", 0))
    port = transport.get_extra_info("sockname")[1]
    sender = threading.Thread(target=field_units, args=(port, 30, 500))
    sender.start()
    stored, total = await writer(gateway.batches, 30 * 500)
    await asyncio.to_thread(sender.join)
    transport.close()
    print("datagrams", gateway.datagrams, "stored", stored, "sum", total)


asyncio.run(main())
