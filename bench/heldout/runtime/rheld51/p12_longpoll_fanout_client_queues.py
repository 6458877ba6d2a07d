"""A long-poll notification fan-out: every connected client has a mailbox queue that the publisher fills and the
client's poll drains in batches; one client polls only every 50 ms."""
import asyncio


class Hub:
    def __init__(self):
        self.mailboxes = {}

    def connect(self, client):
        self.mailboxes[client] = asyncio.Queue()  # PLANT ACK501
        return self.mailboxes[client]

    def publish(self, event):
        for box in self.mailboxes.values():
            box.put_nowait(event)


async def poll(box, every, stop):
    got = 0
    while not (stop.is_set() and box.empty()):
        while not box.empty():
            box.get_nowait()
            got += 1
            if got % 500 == 0:
                break
        await asyncio.sleep(every)
    return got


async def publisher(hub, n):
    for i in range(n):
        hub.publish({"seq": i})
        if i % 1000 == 0:
            await asyncio.sleep(0)


def main():
    loop = asyncio.new_event_loop()
    hub = Hub()
    stop = asyncio.Event()
    fast = loop.create_task(poll(hub.connect("fast"), 0, stop))
    slow = loop.create_task(poll(hub.connect("slow"), 0.001, stop))
    loop.run_until_complete(publisher(hub, 20000))
    stop.set()
    print(loop.run_until_complete(asyncio.gather(fast, slow)))
    loop.close()


main()
