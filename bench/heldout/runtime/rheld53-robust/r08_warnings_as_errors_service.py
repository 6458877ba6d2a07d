"""A service that runs with every warning turned into an error (`warnings.simplefilter("error")` at start, as
its test settings do in production too), with hooks that print what reaches them: the unraisable hook (a warning
raised in a finalizer lands there), the loop's exception handler, and the warnings it records on purpose."""
import asyncio
import concurrent.futures
import gc
import socket
import subprocess
import sys
import threading
import warnings

warnings.simplefilter("error")


def unraisable(info):
    print("unraisable:", type(info.exc_value).__name__, str(info.exc_value).split(" at 0x")[0][:60])


sys.unraisablehook = unraisable


async def forgotten():
    await asyncio.sleep(0)


async def fails():
    raise KeyError("lost")


def worker(results):
    try:
        warnings.warn("from a thread", UserWarning)
    except UserWarning as exc:
        results.append(f"thread raised {exc}")


async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(lambda l, ctx: print("handler:", ctx["message"][:40]))
    results = []
    t = threading.Thread(target=worker, args=(results,))
    t.start()
    await asyncio.to_thread(t.join)
    print(results)
    forgotten()
    gc.collect()
    task = asyncio.ensure_future(fails())
    await asyncio.sleep(0)
    del task
    gc.collect()
    sock = socket.socket()
    del sock
    gc.collect()
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        print(await loop.run_in_executor(pool, sum, [1, 2, 3]))
    proc = await asyncio.create_subprocess_exec(sys.executable, "-c", "print('child')",
                                                stdout=subprocess.PIPE)
    out, _ = await proc.communicate()
    print(out.decode().strip(), proc.returncode)
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        warnings.warn("recorded", DeprecationWarning)
        loop.call_soon(warnings.warn, "from a callback", RuntimeWarning)
        await asyncio.sleep(0)
    print([(w.category.__name__, str(w.message), w.lineno if w.filename == __file__ else "elsewhere")
           for w in seen])
    try:
        asyncio.get_event_loop_policy().get_event_loop()
        print("policy loop ok")
    except Warning as exc:
        print("policy warned:", type(exc).__name__)
    server = await start_echo()
    reader, writer = await asyncio.open_connection(*server.sockets[0].getsockname())
    writer.write(b"ping\n")
    print((await reader.readline()).strip())
    writer.close()
    await writer.wait_closed()
    server.close()
    await server.wait_closed()
    await asyncio.sleep(0.01)


async def start_echo():
    async def echo(reader, writer):
        writer.write(await reader.readline())
        await writer.drain()
        writer.close()

    return await asyncio.start_server(echo, "127.0.0.1", 0)


asyncio.run(main())
gc.collect()
print("filters first:", warnings.filters[0][0], len([f for f in warnings.filters if f[0] == "error"]))
