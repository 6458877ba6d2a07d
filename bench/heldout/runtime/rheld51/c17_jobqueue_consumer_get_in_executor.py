"""A job queue consumer: a feeder thread pulls jobs from the broker's sync client and puts them on a thread-safe
queue; the consumer, driven by run_until_complete, waits for each job in the default executor."""
import asyncio
import queue
import threading
import time

STOP = object()


def feeder(jobs):
    for n in range(5):
        time.sleep(0.01)
        jobs.put({"id": n, "kind": "email" if n % 2 else "sms"})
    jobs.put(STOP)


async def handle(job):
    await asyncio.sleep(0.005)
    return f"{job['kind']}-{job['id']}"


async def consume(jobs):
    loop = asyncio.get_running_loop()
    done = []
    while True:
        job = await loop.run_in_executor(None, jobs.get)
        if job is STOP:
            return done
        done.append(await handle(job))


def main():
    jobs = queue.Queue()
    threading.Thread(target=feeder, args=(jobs,), daemon=True).start()
    loop = asyncio.new_event_loop()
    try:
        print(loop.run_until_complete(consume(jobs)))
        loop.run_until_complete(loop.shutdown_default_executor())
    finally:
        loop.close()


main()
