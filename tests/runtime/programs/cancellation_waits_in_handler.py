"""Cancellations swallowed by a handler that waits a while before the task carries on: longer than the few loop
iterations right after the delivery (a backoff, a reconnect), and in an async generator the task iterates over.
Each wait ends when the main task says so, after a fixed number of loop iterations, so no timing decides it.
Look-alikes: the same waits followed by a re-raise, or by the task's end (ACK602, but its owner cancelled it:
quiet), and an async generator whose `finally` cleans up and lets the cancellation through."""
import asyncio


async def iterations(n):
    for _ in range(n):
        await asyncio.sleep(0)


async def reconnecting(gate, state):
    while state["rounds"] < 3:
        try:
            await asyncio.sleep(0.05)
            state["rounds"] += 1
        except asyncio.CancelledError:  # ACK601: backs off, then goes round again
            state["backoffs"] += 1
            await gate.wait()


async def backs_off_then_raises(gate):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        await gate.wait()
        raise


async def backs_off_then_ends(gate):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:  # waits in the handler, then ends: only its owner cancelled it
        await gate.wait()
    return "ended"  # ends once the handler is done (ACK602 when anyone else's cancel came through)


async def ticks(gate):
    for i in range(3):
        try:
            await asyncio.sleep(0.05)
        except asyncio.CancelledError:  # ACK601: in the generator the task iterates over
            await gate.wait()
            continue
        yield i


async def rows(log):
    try:
        for i in range(100):
            await asyncio.sleep(0.001)
            yield i
    finally:
        await asyncio.sleep(0)
        log.append("closed")


async def iterate(source, seen):
    async for item in source:
        seen.append(item)


async def main():
    state = {"rounds": 0, "backoffs": 0}
    gates = [asyncio.Event() for _ in range(4)]
    seen, log = [], []
    tasks = [asyncio.create_task(reconnecting(gates[0], state)),
             asyncio.create_task(backs_off_then_raises(gates[1])),
             asyncio.create_task(backs_off_then_ends(gates[2])),
             asyncio.create_task(iterate(ticks(gates[3]), seen)),
             asyncio.create_task(iterate(rows(log), []))]
    await iterations(3)
    for task in tasks:
        task.cancel()
    await iterations(30)  # past the checker's look right after the delivery: every task still waits on its gate
    for gate in gates:
        gate.set()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    print(state, [type(r).__name__ for r in results], seen, log)


asyncio.run(main())
