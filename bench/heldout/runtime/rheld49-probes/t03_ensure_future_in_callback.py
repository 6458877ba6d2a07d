import asyncio
DONE = []
async def refresh(key):
    await asyncio.sleep(0.01)
    DONE.append(key)
def expire(key):
    asyncio.ensure_future(refresh(key))  # PLANT ACK302
async def main():
    loop = asyncio.get_running_loop()
    for k in ("a", "b"):
        loop.call_later(0.01, expire, k)
    await asyncio.sleep(0.1)
    print(sorted(DONE))
asyncio.run(main())
