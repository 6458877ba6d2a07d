import asyncio, functools, subprocess
VERSIONS = {}
def probe(tool, flag):
    VERSIONS[tool] = subprocess.check_output([tool, flag], text=True).split()[0]  # PLANT ACK104
async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(functools.partial(probe, "true", "--version"))
    await asyncio.sleep(0.2)
    print(sorted(VERSIONS))
asyncio.run(main())
