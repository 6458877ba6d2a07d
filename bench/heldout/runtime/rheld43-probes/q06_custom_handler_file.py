"""A handler of the program's own whose emit appends each record to a file."""
import asyncio
import logging
import os
import tempfile

folder = tempfile.mkdtemp()


class AppendHandler(logging.Handler):
    def __init__(self, path):
        super().__init__()
        self.path = path

    def emit(self, record):
        with open(self.path, "a") as f:  # PLANT ACK103
            f.write(self.format(record) + "\n")


log = logging.getLogger("orders")
log.propagate = False
log.addHandler(AppendHandler(os.path.join(folder, "orders.log")))


async def place(order_id):
    await asyncio.sleep(0)
    log.warning("order %s placed", order_id)
    return order_id


print("placed", asyncio.run(place(9)))
with open(os.path.join(folder, "orders.log")) as f:
    print(f.read().strip())
os.unlink(os.path.join(folder, "orders.log"))
os.rmdir(folder)
