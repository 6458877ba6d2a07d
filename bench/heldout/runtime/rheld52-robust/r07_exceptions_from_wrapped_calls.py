"""Errors the standard library raises, as a program's error handling sees them: type, message, errno, how
many frames the traceback has, its chained context and cause, for the same calls made in the module, a
coroutine, a loop callback and a worker thread."""
import asyncio
import os
import socket
import subprocess
import time
import traceback


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


PORT = free_port()
CALLS = {
    "sleep(-1)": lambda: time.sleep(-1),
    "sleep('x')": lambda: time.sleep("x"),
    "open missing": lambda: open("/nonexistent/dir/file.txt"),
    "open bad mode": lambda: open(__file__, "rwx"),
    "connect refused": lambda: socket.create_connection(("127.0.0.1", PORT), timeout=1),
    "run missing": lambda: subprocess.run(["/nonexistent/tool"]),
    "check_output fails": lambda: subprocess.check_output(["sh", "-c", "exit 3"]),
    "os.system": lambda: os.system("exit 2"),
    "sock recv closed": lambda: socket.socket().recv(1),
}


def attempt(name):
    try:
        result = CALLS[name]()
    except Exception as e:  # noqa: BLE001
        tb = traceback.extract_tb(e.__traceback__)
        return (name, type(e).__name__, str(e), getattr(e, "errno", None), len(tb), [f.name for f in tb],
                type(e.__context__).__name__, type(e.__cause__).__name__, e.__suppress_context__)
    return (name, "ok", result)


def all_calls():
    return [attempt(n) for n in CALLS]


async def main():
    in_coro = all_calls()
    loop = asyncio.get_running_loop()
    box = loop.create_future()
    loop.call_soon(lambda: box.set_result(all_calls()))
    in_callback = await box
    in_thread = await asyncio.to_thread(all_calls)
    return in_coro, in_callback, in_thread


outside = all_calls()
for row in outside:
    print(row)
for where, rows in zip(("coroutine", "callback", "thread"), asyncio.run(main())):
    print(where, "same as outside:", rows == outside)
    for a, b in zip(rows, outside):
        if a != b:
            print("  ", a)
