import asyncio, functools, threading
SEEN = []
async def handle(event):
    await asyncio.sleep(0.01)
    SEEN.append(event)
def dispatch(loop, event):
    loop.create_task(handle(event))  # PLANT ACK302
def watcher(loop):
    for e in ("created", "modified"):
        loop.call_soon_threadsafe(functools.partial(dispatch, loop, e))
async def main():
    loop = asyncio.get_running_loop()
    t = threading.Thread(target=watcher, args=(loop,)); t.start()
    await asyncio.to_thread(t.join)
    while len(SEEN) < 2: await asyncio.sleep(0.01)
    print(sorted(SEEN))
asyncio.run(main())
