"""A geo-IP enrichment client: a pooled aiohttp session with bounded retries on 503, and an audit trail of every
request the session made, written by the session's trace hook (compliance wants each upstream call on record)."""
import asyncio
import os
import tempfile

import aiohttp

from _geo_backend import start_backend


class AuditTrail:
    def __init__(self, path):
        self.path = path

    def trace_config(self):
        config = aiohttp.TraceConfig()
        config.on_request_end.append(self.on_request_end)
        return config

    async def on_request_end(self, session, context, params):
        with open(self.path, "a") as log:  # PLANT ACK103
            log.write(f"{params.method} {params.url.path} {params.response.status}\n")


async def lookup(session, base, ip, attempts=3):
    for attempt in range(attempts):
        async with session.get(f"{base}/geo/{ip}") as response:
            if response.status == 503:
                await asyncio.sleep(0.01 * (attempt + 1))
                continue
            return (await response.json())["city"]
    return None


def read_lines(path):
    with open(path) as log:
        return log.read().splitlines()


async def main(path):
    runner, base = await start_backend()
    audit = AuditTrail(path)
    connector = aiohttp.TCPConnector(limit=3)
    async with aiohttp.ClientSession(connector=connector, trace_configs=[audit.trace_config()]) as session:
        cities = await asyncio.gather(*(lookup(session, base, f"10.0.0.{i}") for i in range(1, 6)))
    await runner.cleanup()
    print(dict(zip(range(1, 6), cities)))
    lines = await asyncio.to_thread(read_lines, path)
    print(len(lines), "requests audited,", sum(line.endswith(" 503") for line in lines), "retried")


with tempfile.TemporaryDirectory() as folder:
    asyncio.run(main(os.path.join(folder, "audit.log")))
