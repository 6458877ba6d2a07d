"""A tool of the program's replaces file-system functions with ones that fail on a loop's thread, as blockbuster
does (and a test's monkeypatch may): the checker's own work on that thread must not call them, or the program sees
errors it never makes. A threading lock the program takes there is reported all the same."""
import asyncio
import concurrent.futures
import os
import threading


class Forbidden(Exception):
    pass


def forbidden_on_a_loop(original):
    def guarded(*args, **kwargs):
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return original(*args, **kwargs)
        raise Forbidden(original.__name__)

    return guarded


for module, name in ((os, "getcwd"), (os, "stat"), (os, "listdir"), (os, "scandir"), (os.path, "abspath"),
                     (os.path, "realpath"), (os.path, "exists")):
    setattr(module, name, forbidden_on_a_loop(getattr(module, name)))

guard = threading.Lock()


def resolved_on_another_loop():
    """A concurrent future set by a loop in a thread while this thread waits for it (a blocking portal's start):
    setting it takes the future's condition lock on that loop's thread."""
    done = concurrent.futures.Future()

    async def serve():
        await asyncio.sleep(0)
        done.set_result("resolved")

    thread = threading.Thread(target=asyncio.run, args=(serve(),))
    thread.start()
    print(done.result(timeout=20))
    thread.join()


async def holds():
    with guard:  # ACK201
        await asyncio.sleep(0.01)
    try:
        os.path.abspath("here")
    except Forbidden as exc:
        print("the program's own call still fails:", exc)


resolved_on_another_loop()
asyncio.run(holds())
resolved_on_another_loop()
print("done")
