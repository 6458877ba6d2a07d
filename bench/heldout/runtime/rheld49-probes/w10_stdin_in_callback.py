import asyncio, sys
GOT = []
def read_config():
    GOT.append(sys.stdin.readline().strip())  # PLANT ACK107
async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(read_config)
    while not GOT:
        await asyncio.sleep(0.01)
    print(GOT)
asyncio.run(main())
