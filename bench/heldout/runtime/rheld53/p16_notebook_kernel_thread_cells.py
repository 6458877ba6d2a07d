"""A notebook server's kernel: cells are executed on a kernel thread, each in a fresh `asyncio.run` (cells may
await), while the front end's loop keeps the session's heartbeat going. Each cell's output is handed back to
the front end through a future the front end awaits."""
import asyncio
import threading


async def run_cell(source):
    scope = {"asyncio": asyncio}
    exec(compile(f"async def __cell__():\n    {source}", "<cell>", "exec"), scope)
    return await scope["__cell__"]()


class Kernel(threading.Thread):
    def __init__(self, cells, outputs):
        super().__init__(name="kernel", daemon=True)
        self.cells = cells
        self.outputs = outputs

    def run(self):
        for source, future in zip(self.cells, self.outputs):
            result = asyncio.run(run_cell(source))
            future.set_result(result)  # PLANT ACK401


async def heartbeat(beats):
    while True:
        await asyncio.sleep(0.02)
        beats.append(1)


async def main():
    loop = asyncio.get_running_loop()
    cells = ["return 6 * 7", "await asyncio.sleep(0.03); return 'slept'", "return sorted('kernel')"]
    outputs = [loop.create_future() for _ in cells]
    beats = []
    pulse = asyncio.create_task(heartbeat(beats))
    Kernel(cells, outputs).start()
    results = [await out for out in outputs]
    print(results, "heartbeat still running:", not pulse.done())
    pulse.cancel()


asyncio.run(main())
