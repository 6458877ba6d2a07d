"""A job runner's workers fail in different ways; it reports their exceptions and exits with a computed status."""
import asyncio
import concurrent.futures
import socket
import sys
import threading
import time
import traceback

ERRORS = []


def hook(args):
    ERRORS.append((args.exc_type.__name__, str(args.exc_value), args.thread.name))


def bad_sleep():
    time.sleep(-1)


def bad_socket():
    s = socket.socket()
    try:
        s.connect(("127.0.0.1", 1))
    finally:
        s.close()


def bad_open():
    open("/nonexistent/dir/file.txt")


def frames_of(exc):
    return [(f.name, f.line) for f in traceback.extract_tb(exc.__traceback__)]


async def main():
    threading.excepthook = hook
    threads = [threading.Thread(target=f, name=f.__name__) for f in (bad_sleep, bad_socket, bad_open)]
    for t in threads:
        t.start()
    for t in threads:
        await asyncio.to_thread(t.join)
    print(sorted(ERRORS))
    for fn in (bad_sleep, bad_socket, bad_open):
        try:
            await asyncio.to_thread(fn)
        except (ValueError, OSError) as e:
            print(type(e).__name__, e.args[:1], frames_of(e)[-2:])
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        fut = pool.submit(bad_sleep)
        try:
            await asyncio.wrap_future(fut)
        except ValueError as e:
            print("pool", e, [name for name, _ in frames_of(e)])
    return len(ERRORS)


code = asyncio.run(main())
try:
    time.sleep("x")
except TypeError as e:
    print("type", e)
try:
    bad_sleep()
except ValueError:
    print("".join(traceback.format_exc().splitlines(True)[-3:]).replace(__file__, "FILE"))
sys.exit(code + 10)
