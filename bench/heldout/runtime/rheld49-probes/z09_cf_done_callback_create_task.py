import asyncio, concurrent.futures, time
REPORTS = []
async def report(value):
    await asyncio.sleep(0)
    REPORTS.append(value)
def work(n):
    time.sleep(0.01); return n * 10
async def main():
    loop = asyncio.get_running_loop()
    keep = set()
    def done(fut):
        t = loop.create_task(report(fut.result()))  # PLANT ACK402
        keep.add(t)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(work, 4).add_done_callback(done)
        for _ in range(100):
            if REPORTS: break
            await asyncio.sleep(0.01)
    print(REPORTS)
asyncio.run(main())
