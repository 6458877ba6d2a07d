"""A job runner on run_forever: the warm-up task is fired and forgotten; a callback stops the loop."""
import asyncio

CACHE = {}


async def warm(key):
    await asyncio.sleep(0.01)
    CACHE[key] = key * 2


async def serve(loop):
    loop.create_task(warm(21))  # PLANT ACK302
    await asyncio.sleep(0.05)
    print("cache", CACHE)
    loop.call_soon(loop.stop)


loop = asyncio.new_event_loop()
main_task = loop.create_task(serve(loop))
loop.run_forever()
print("main done", main_task.done())
loop.close()
