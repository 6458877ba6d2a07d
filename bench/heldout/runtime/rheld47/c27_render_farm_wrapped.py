"""A render farm sends frames to a spawn process pool and awaits them through asyncio.as_completed."""
import asyncio
import concurrent.futures
import multiprocessing


def render(frame):
    return frame, sum(i * frame for i in range(20000)) % 9973


async def collect(pool, frames):
    futures = [asyncio.wrap_future(pool.submit(render, f)) for f in frames]
    done = {}
    for next_done in asyncio.as_completed(futures):
        frame, value = await next_done
        done[frame] = value
    return done


async def progress(ticks):
    for _ in range(3):
        await asyncio.sleep(0.01)
        ticks.append(1)


async def main(pool):
    ticks = []
    async with asyncio.TaskGroup() as tg:
        result = tg.create_task(collect(pool, range(4)))
        tg.create_task(progress(ticks))
    print(sorted(result.result().items()), len(ticks))


if __name__ == "__main__":
    with concurrent.futures.ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        asyncio.run(main(pool))
