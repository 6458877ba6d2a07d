import asyncio, concurrent.futures, time
def work(n):
    time.sleep(0.01); return n * 10
async def main():
    results = asyncio.Queue()
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        value = await asyncio.wrap_future(pool.submit(work, 4))
        results.put_nowait(value)
    print(results.get_nowait())
asyncio.run(main())
