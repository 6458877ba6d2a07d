"""A service whose loop runs in a background thread; SIGUSR1's handler schedules a reload on it."""
import asyncio
import os
import signal
import threading
import time

loop = asyncio.new_event_loop()
reloads = []


def serve():
    asyncio.set_event_loop(loop)
    loop.run_forever()


def reload_config():
    reloads.append("reloaded")


def on_usr1(signum, frame):
    loop.call_soon(reload_config)  # PLANT ACK402


async def ping():
    await asyncio.sleep(0.01)
    return "pong"


thread = threading.Thread(target=serve)
thread.start()
signal.signal(signal.SIGUSR1, on_usr1)
os.kill(os.getpid(), signal.SIGUSR1)
time.sleep(0.02)
print(asyncio.run_coroutine_threadsafe(ping(), loop).result(timeout=2))
print("reloads", reloads)
loop.call_soon_threadsafe(loop.stop)
thread.join()
loop.close()
