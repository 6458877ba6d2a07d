"""A job runner with a task factory that names each job's task; a requeued job is kept until it ends."""
import asyncio
import itertools

ATTEMPTS = {}
RETRIES = set()
DONE = []
SERIAL = itertools.count(1)


def naming_factory(loop, coro, **kwargs):
    task = asyncio.Task(coro, loop=loop, **kwargs)
    task.set_name(f"job-{next(SERIAL)}")
    return task


async def deliver(webhook):
    ATTEMPTS[webhook] = ATTEMPTS.get(webhook, 0) + 1
    await asyncio.sleep(0.02)
    if webhook == "billing" and ATTEMPTS[webhook] < 3:
        raise TimeoutError(f"{webhook} did not answer")
    DONE.append(webhook)


class Requeue:
    def __init__(self, loop, webhook):
        self.loop = loop
        self.webhook = webhook

    def __call__(self, task):
        if not task.cancelled() and task.exception() is not None:
            retry = self.loop.create_task(deliver(self.webhook))
            RETRIES.add(retry)
            retry.add_done_callback(RETRIES.discard)
            retry.add_done_callback(Requeue(self.loop, self.webhook))


async def main():
    loop = asyncio.get_running_loop()
    loop.set_task_factory(naming_factory)
    first = []
    for webhook in ("orders", "billing", "audit"):
        task = loop.create_task(deliver(webhook))
        task.add_done_callback(Requeue(loop, webhook))
        first.append(task)
    await asyncio.gather(*first, return_exceptions=True)
    while len(DONE) < 3:
        await asyncio.sleep(0.01)
    print(sorted(DONE), sorted(ATTEMPTS.items()))


asyncio.run(main())
