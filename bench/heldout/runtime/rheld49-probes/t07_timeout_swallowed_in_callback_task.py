import asyncio
RESULTS = []
async def poll(name):
    async with asyncio.timeout(0.02):
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:  # PLANT ACK601
            RESULTS.append(f"{name} gave up")
    RESULTS.append(f"{name} left")
async def main():
    tasks = set()
    loop = asyncio.get_running_loop()
    def start(name):
        t = loop.create_task(poll(name)); tasks.add(t); t.add_done_callback(tasks.discard)
    loop.call_soon(start, "p1")
    await asyncio.sleep(0.1)
    print(RESULTS)
asyncio.run(main())
