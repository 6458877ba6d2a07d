import asyncio, concurrent.futures, time
def work(n):
    time.sleep(0.01); return n * 10
async def main():
    results = asyncio.Queue()
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        fut = pool.submit(work, 4)
        fut.add_done_callback(lambda f: results.put_nowait(f.result()))  # PLANT ACK401
        await asyncio.sleep(0.05)
    print(results.get_nowait())
asyncio.run(main())
