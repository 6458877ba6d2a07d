"""A CLI run with asyncio.Runner starts cache warmers, keeps them in a list, and never looks at how they ended."""
import asyncio

WARM = {}


async def warm(key):
    await asyncio.sleep(0.01)
    if key == "prices":
        raise ConnectionError("prices backend refused")
    WARM[key] = True


async def serve_requests():
    loop = asyncio.get_running_loop()
    warmers = []
    for key in ("users", "prices", "stock"):
        warmers.append(loop.create_task(warm(key)))  # PLANT ACK303
    await asyncio.sleep(0.05)
    return sorted(WARM)


with asyncio.Runner() as runner:
    print("warm", runner.run(serve_requests()))
    print("second run", runner.run(asyncio.sleep(0.01, result="ok")))
