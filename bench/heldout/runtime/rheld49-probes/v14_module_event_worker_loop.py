import asyncio, threading
READY = asyncio.Event()
def worker(out):
    async def run():
        READY.set()
        await READY.wait()
        out.append(READY.is_set())
    asyncio.run(run())
async def main():
    out = []
    t = threading.Thread(target=worker, args=(out,)); t.start()
    await asyncio.to_thread(t.join)
    print(out)
asyncio.run(main())
