"""Audit logging through a QueueHandler; a QueueListener thread owns the FileHandler."""
import asyncio
import logging
import logging.handlers
import os
import queue
import tempfile

folder = tempfile.mkdtemp()
records = queue.Queue()
file_handler = logging.FileHandler(os.path.join(folder, "audit.log"), delay=True)
listener = logging.handlers.QueueListener(records, file_handler)
audit = logging.getLogger("audit")
audit.propagate = False
audit.addHandler(logging.handlers.QueueHandler(records))
audit.setLevel(logging.INFO)


async def transfer(src, dst, amount):
    await asyncio.sleep(0)
    audit.info("transfer %s -> %s: %d", src, dst, amount)
    return amount


async def main():
    listener.start()
    total = await transfer("alice", "bob", 30)
    print("moved", total)


asyncio.run(main())
listener.stop()
file_handler.close()
with open(os.path.join(folder, "audit.log")) as f:
    print(f.read().strip())
os.unlink(os.path.join(folder, "audit.log"))
os.rmdir(folder)
