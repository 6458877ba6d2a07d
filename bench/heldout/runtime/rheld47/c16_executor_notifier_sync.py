"""A notifier hands each user's notification to a thread pool; the notify function is a plain function."""
import asyncio
import concurrent.futures
import threading

OUTBOX = []
LOCK = threading.Lock()


def notify(user):
    with LOCK:
        OUTBOX.append(f"mail to {user}")
    return user


async def fan_out(users):
    loop = asyncio.get_running_loop()
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        jobs = [
            loop.run_in_executor(pool, notify, u)
            for u in users
        ]
        results = await asyncio.gather(*jobs)
    return len(results)


print("jobs", asyncio.run(fan_out(["ann", "bob"])), "sent", len(OUTBOX))
