import asyncio, queue, threading, time
RESULTS = queue.Queue()
GOT = []
def producer():
    time.sleep(0.03); RESULTS.put("scan done")
def collect():
    GOT.append(RESULTS.get(timeout=2))  # PLANT ACK106
async def main():
    loop = asyncio.get_running_loop()
    threading.Thread(target=producer).start()
    loop.call_soon(collect)
    while not GOT: await asyncio.sleep(0.01)
    print(GOT)
asyncio.run(main())
