"""A coroutine decoding many records with map() over a helper: one long step."""
import asyncio
import hashlib

RECORDS = [f"record-{i}".encode() * 4 for i in range(250_000)]


def fingerprint(rec):
    return hashlib.md5(rec).hexdigest()[:8]


async def dedupe(records):
    await asyncio.sleep(0)
    seen = set(map(fingerprint, records))  # PLANT ACK120
    return len(seen)


print("unique", asyncio.run(dedupe(RECORDS)))
