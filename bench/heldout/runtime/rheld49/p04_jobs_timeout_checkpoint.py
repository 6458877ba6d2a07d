"""A job runner that gives each job a time budget; a reindex job saves a checkpoint when its budget runs out."""
import asyncio

CHECKPOINTS = {}


async def reindex(shard, documents):
    done = 0
    try:
        for _ in range(documents):
            await asyncio.sleep(0.005)
            done += 1
    except asyncio.CancelledError:  # PLANT ACK601
        CHECKPOINTS[shard] = done
        return "checkpointed"
    return "complete"


async def run_with_budget(name, coro, budget):
    try:
        outcome = await asyncio.wait_for(coro, budget)
    except asyncio.TimeoutError:
        outcome = "timed out"
    return f"{name}: {outcome}"


async def main():
    jobs = [("shard-a", 3, 1.0), ("shard-b", 400, 0.05), ("shard-c", 2, 1.0)]
    results = []
    for shard, documents, budget in jobs:
        results.append(await run_with_budget(shard, reindex(shard, documents), budget))
    print(results)
    print("checkpoints for", sorted(CHECKPOINTS))


asyncio.run(main())
