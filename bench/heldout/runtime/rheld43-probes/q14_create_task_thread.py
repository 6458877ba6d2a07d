"""A plugin thread starting a coroutine on the main loop with loop.create_task."""
import asyncio
import threading

done = []


async def refresh(name):
    done.append(name)


def plugin(loop):
    loop.create_task(refresh("plugin-a"))  # PLANT ACK402


async def main():
    loop = asyncio.get_running_loop()
    t = threading.Thread(target=plugin, args=(loop,))
    t.start()
    await asyncio.to_thread(t.join)
    for _ in range(10):
        await asyncio.sleep(0.005)
    print("done", done)


asyncio.run(main())
