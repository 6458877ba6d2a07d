"""An uploader that throttles in its tasks' done callback."""
import asyncio
import time


class Uploader:
    def __init__(self):
        self.sent = 0
        self.tasks = set()

    async def upload(self, name):
        await asyncio.sleep(0.005)
        return len(name)

    def _on_done(self, task):
        self.tasks.discard(task)
        if not task.cancelled() and task.exception() is None:
            time.sleep(0.12)  # PLANT ACK101
            self.sent += 1

    def submit(self, name):
        t = asyncio.create_task(self.upload(name))
        self.tasks.add(t)
        t.add_done_callback(self._on_done)


async def main():
    u = Uploader()
    for n in ("a.txt", "b.txt"):
        u.submit(n)
    while u.tasks:
        await asyncio.sleep(0.01)
    print("sent", u.sent)


asyncio.run(main())
