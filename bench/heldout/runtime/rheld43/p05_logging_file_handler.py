"""Audit logging through a FileHandler opened lazily, on the first record a coroutine logs."""
import asyncio
import logging
import os
import tempfile

folder = tempfile.mkdtemp()
audit = logging.getLogger("audit")
audit.propagate = False
handler = logging.FileHandler(os.path.join(folder, "audit.log"), delay=True)
audit.addHandler(handler)
audit.setLevel(logging.INFO)


async def transfer(src, dst, amount):
    await asyncio.sleep(0)
    audit.info("transfer %s -> %s: %d", src, dst, amount)  # PLANT ACK103
    return amount


async def main():
    total = await transfer("alice", "bob", 30)
    print("moved", total)


asyncio.run(main())
handler.close()
with open(os.path.join(folder, "audit.log")) as f:
    print(f.read().strip())
os.unlink(os.path.join(folder, "audit.log"))
os.rmdir(folder)
