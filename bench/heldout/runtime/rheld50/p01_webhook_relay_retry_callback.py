"""A webhook relay signs each event with HMAC and posts it to a local receiver; a failed delivery is retried
from the task's done callback after a backoff."""
import asyncio
import functools
import hashlib
import hmac
import json
import time

SECRET = b"relay-secret"
RECEIVED = []
FAILS = {"invoice.paid": 1}


def sign(body):
    return hmac.new(SECRET, body, hashlib.sha256).hexdigest()[:16]


async def post(event):
    body = json.dumps(event, sort_keys=True).encode()
    await asyncio.sleep(0.01)
    if FAILS.get(event["type"], 0) > 0:
        FAILS[event["type"]] -= 1
        raise ConnectionResetError(f"receiver dropped {event['type']}")
    RECEIVED.append((event["type"], sign(body)))


class Relay:
    def __init__(self):
        self.pending = set()
        self.attempts = {}

    def send(self, event):
        task = asyncio.get_running_loop().create_task(post(event))
        self.pending.add(task)
        task.add_done_callback(functools.partial(self.finished, event))

    def finished(self, event, task):
        self.pending.discard(task)
        if task.exception() is None:
            return
        n = self.attempts[event["type"]] = self.attempts.get(event["type"], 0) + 1
        time.sleep(0.02 * n)  # PLANT ACK101
        self.send(event)


async def main():
    relay = Relay()
    for kind in ("order.created", "invoice.paid", "user.deleted"):
        relay.send({"type": kind, "id": len(kind)})
    while relay.pending or len(RECEIVED) < 3:
        await asyncio.sleep(0.01)
    print(sorted(RECEIVED), relay.attempts)


asyncio.run(main())
