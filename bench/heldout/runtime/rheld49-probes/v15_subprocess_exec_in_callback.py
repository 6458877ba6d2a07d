import asyncio
OUT = []
async def run(tool):
    p = await asyncio.create_subprocess_exec(tool, stdout=asyncio.subprocess.PIPE)
    OUT.append((await p.communicate())[0])
async def main():
    loop = asyncio.get_running_loop()
    tasks = set()
    def start():
        t = loop.create_task(run("true")); tasks.add(t); t.add_done_callback(tasks.discard)
    loop.call_soon(start)
    while not OUT: await asyncio.sleep(0.01)
    print(OUT)
asyncio.run(main())
