"""A notifier hands each user's notification to a thread pool; the notify function was made async later."""
import asyncio
import concurrent.futures

OUTBOX = []


async def notify(user):
    await asyncio.sleep(0)
    OUTBOX.append(f"mail to {user}")
    return user


async def fan_out(users):
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        jobs = [
            asyncio.wrap_future(pool.submit(notify, u))  # PLANT ACK301
            for u in users
        ]
        results = await asyncio.gather(*jobs)
    return len(results)


print("jobs", asyncio.run(fan_out(["ann", "bob"])), "sent", len(OUTBOX))
