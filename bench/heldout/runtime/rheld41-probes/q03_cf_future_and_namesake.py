"""A worker that fails a concurrent.futures.Future, and a result holder whose method shares set_exception's name."""
import asyncio
import concurrent.futures
import threading


class Outcome:
    def __init__(self):
        self.error = None

    def set_exception(self, exc):
        self.error = exc


def worker(cf, outcome):
    outcome.set_exception(TimeoutError("slow"))
    cf.set_exception(TimeoutError("no answer"))


async def main():
    cf = concurrent.futures.Future()
    outcome = Outcome()
    threading.Thread(target=worker, args=(cf, outcome), daemon=True).start()
    try:
        await asyncio.wrap_future(cf)
    except TimeoutError as e:
        print("failed with", type(e).__name__, type(outcome.error).__name__)


asyncio.run(main())
