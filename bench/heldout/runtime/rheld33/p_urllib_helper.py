"""A webhook notifier whose coroutine posts through a sync helper built on urllib."""
import asyncio
import json
import urllib.request

import _httpd

server, BASE = _httpd.serve()


def _get(url):
    req = urllib.request.Request(url, headers={"Accept": "application/json"})
    with urllib.request.urlopen(req, timeout=5) as resp:
        return json.loads(resp.read())


def check_remote():
    return _get(BASE + "/health")["price"]


async def notify(events):
    for e in events:
        await asyncio.sleep(0.01)
    return check_remote()  # PLANT ACK102


print(asyncio.run(notify([1, 2])))
server.shutdown()
