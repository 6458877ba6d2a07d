import asyncio, time
def fetch(fut, key):
    time.sleep(0.01)
    fut.get_loop()
    fut.set_result(key.upper())  # PLANT ACK401
async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.run_in_executor(None, fetch, fut, "abc")
    for _ in range(100):
        if fut.done(): break
        await asyncio.sleep(0.01)
    print(fut.result())
asyncio.run(main())
