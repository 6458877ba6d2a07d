"""Clean: a ThreadPoolExecutor that the program never shuts down. Its idle workers are non-daemon threads that
wait for work until the interpreter's exit tells them to stop (`threading._register_atexit`), after finishing
what is queued: the checker, which joins the program's threads before its report, must let that happen first."""
import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

POOL = ThreadPoolExecutor(2)  # never shut down, as in many services


async def main():
    loop = asyncio.get_running_loop()
    total = await loop.run_in_executor(POOL, sum, range(10))
    print("total", total, flush=True)


asyncio.run(main())
done = threading.Event()
POOL.submit(lambda: (print("queued work ran", flush=True), done.set()))  # runs before the workers stop
