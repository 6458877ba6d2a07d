import asyncio, functools, threading
FIRED = []
def fire(tag):
    FIRED.append(tag)
def scheduler(schedule):
    for tag in ("t1", "t2"):
        schedule(fire, tag)
async def main():
    loop = asyncio.get_running_loop()
    schedule = functools.partial(loop.call_at, loop.time() + 0.01)  # PLANT ACK402
    t = threading.Thread(target=scheduler, args=(schedule,)); t.start()
    await asyncio.to_thread(t.join)
    for _ in range(100):
        if len(FIRED) == 2: break
        await asyncio.sleep(0.01)
    print(FIRED)
asyncio.run(main())
