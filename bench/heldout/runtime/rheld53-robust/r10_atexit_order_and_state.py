"""Exit handlers as a service registers them: one at import, one from a coroutine, one from a worker thread,
one removed again, one that fails, one that registers another while exiting; each prints what it sees of the
process at that point (threads alive, tracing, signals, the collector, a loop still set, the exit status on its
way), and the program ends with `sys.exit(4)`."""
import asyncio
import atexit
import gc
import signal
import sys
import threading


def state(tag):
    names = sorted(t.name for t in threading.enumerate())
    print(f"{tag}: threads={names} trace={sys.gettrace() is not None} profile={sys.getprofile() is not None} "
          f"gc={gc.isenabled()} sigint={getattr(signal.getsignal(signal.SIGINT), '__name__', signal.getsignal(signal.SIGINT))} "
          f"sigterm={signal.getsignal(signal.SIGTERM)} exc={sys.exc_info()[0]}", flush=True)


def at_import():
    state("registered at import")


def from_coroutine(label):
    state(f"registered from a coroutine ({label})")


def from_thread():
    state("registered from a thread")


def removed():
    print("removed handler ran", flush=True)


def failing():
    raise OSError("flush target gone")


def late():
    print("registered while exiting", flush=True)


def registers_more():
    atexit.register(late)
    print("registering another while exiting", flush=True)


atexit.register(at_import)
atexit.register(removed)
atexit.register(failing)
atexit.register(registers_more)


async def main():
    atexit.register(from_coroutine, "main")
    t = threading.Thread(target=atexit.register, args=(from_thread,), name="registrar")
    t.start()
    await asyncio.to_thread(t.join)
    atexit.unregister(removed)
    keeper = threading.Thread(target=threading.Event().wait, args=(0.5,), name="lingering")
    keeper.start()
    return 4


code = asyncio.run(main())
state("before exit")
sys.exit(code)
