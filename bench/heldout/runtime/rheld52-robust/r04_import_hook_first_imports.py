"""An import profiler: `builtins.__import__` is replaced by one that notes every module imported for the first
time while the service runs (a task, a timer, an executor job, `to_thread`, a subprocess, a stream server), and
what `sys.modules` gained meanwhile."""
import asyncio
import builtins
import sys

first = []
_import = builtins.__import__


def noting_import(name, globals=None, locals=None, fromlist=(), level=0):
    new = name not in sys.modules
    module = _import(name, globals, locals, fromlist, level)
    if new and name in sys.modules:
        first.append(name)
    return module


async def serve_once():
    async def handle(reader, writer):
        writer.write(await reader.readline())
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"ping\n")
    echoed = await reader.readline()
    writer.close()
    server.close()
    await server.wait_closed()
    return echoed


async def main():
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    loop.call_later(0.01, done.set_result, "timer")
    print(await done)
    print(await loop.run_in_executor(None, sum, [1, 2, 3]))
    print(await asyncio.to_thread(len, "abc"))
    proc = await asyncio.create_subprocess_exec(sys.executable, "-c", "print('child')", stdout=asyncio.subprocess.PIPE)
    print((await proc.communicate())[0])
    print(await serve_once())
    print(await asyncio.wait_for(asyncio.sleep(0.01, "slept"), 1))


before = set(sys.modules)
builtins.__import__ = noting_import
try:
    asyncio.run(main())
finally:
    builtins.__import__ = _import
print("first imports:", first)
print("gained:", sorted(set(sys.modules) - before))
