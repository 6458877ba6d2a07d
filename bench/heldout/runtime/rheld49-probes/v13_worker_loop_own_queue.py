import asyncio, threading
def worker(out):
    async def run():
        q = asyncio.Queue()
        def feed():
            for n in range(3): q.put_nowait(n)
        feed()
        out.extend([await q.get() for _ in range(3)])
    asyncio.run(run())
async def main():
    out = []
    t = threading.Thread(target=worker, args=(out,)); t.start()
    await asyncio.to_thread(t.join)
    print(out)
asyncio.run(main())
