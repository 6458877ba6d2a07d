"""A job-queue worker that logs a cancellation and keeps polling: shutdown has to wait for its timeout."""
import asyncio


async def worker(q, done):
    while True:
        try:
            job = await q.get()
        except asyncio.CancelledError:  # PLANT ACK601
            print("worker: cancel ignored")
            continue
        if job is None:
            return
        done.append(job)


async def main():
    q = asyncio.Queue(maxsize=10)
    done = []
    w = asyncio.create_task(worker(q, done))
    await q.put("j1")
    await asyncio.sleep(0.01)
    w.cancel()
    await asyncio.sleep(0.01)
    await q.put(None)
    await asyncio.wait_for(w, 1)
    print("done", done)


asyncio.run(main())
