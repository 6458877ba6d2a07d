"""An error reporter as Sentry-like SDKs install it: it chains in front of `sys.excepthook` and
`threading.excepthook` (calling the hooks it found), wraps the loop's exception handler around the default one,
and reports to stdout what each hook was handed; the program then dies of an uncaught error."""
import asyncio
import sys
import threading
import traceback


class Reporter:
    def __init__(self):
        self.prev_sys = sys.excepthook
        self.prev_thread = threading.excepthook
        print("found hooks:", self.prev_sys is sys.__excepthook__, self.prev_thread is threading.__excepthook__,
              getattr(self.prev_sys, "__name__", "?"), getattr(self.prev_thread, "__name__", "?"),
              getattr(self.prev_sys, "__module__", "?"), getattr(self.prev_thread, "__module__", "?"))
        sys.excepthook = self.on_uncaught
        threading.excepthook = self.on_thread

    def frames(self, tb):
        return [f"{f.name}:{f.lineno}" for f in traceback.extract_tb(tb)]

    def on_uncaught(self, kind, value, tb):
        print("uncaught:", kind.__name__, value, self.frames(tb), flush=True)
        self.prev_sys(kind, value, tb)

    def on_thread(self, args):
        print("thread:", args.thread.name, args.exc_type.__name__, args.exc_value, self.frames(args.exc_traceback),
              flush=True)
        self.prev_thread(args)

    def on_loop(self, loop, context):
        exc = context.get("exception")
        print("loop:", context["message"][:40], type(exc).__name__, sorted(k for k in context if k != "exception"))
        loop.default_exception_handler(context)


def broken_worker():
    raise ValueError("worker failed")


def broken_callback():
    raise LookupError("callback failed")


async def broken_task():
    await asyncio.sleep(0)
    raise ArithmeticError("task failed")


async def main(reporter):
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(reporter.on_loop)
    t = threading.Thread(target=broken_worker, name="ingest")
    t.start()
    await asyncio.to_thread(t.join)
    loop.call_soon(broken_callback)
    await asyncio.sleep(0)
    task = asyncio.create_task(broken_task())
    await asyncio.sleep(0.01)
    del task
    await asyncio.sleep(0)
    timer = threading.Timer(0, broken_worker)
    timer.name = "timer"
    timer.start()
    await asyncio.to_thread(timer.join)
    raise RuntimeError("service crashed")


reporter = Reporter()
try:
    asyncio.run(main(reporter))
finally:
    print("exiting", sys.exc_info()[0].__name__, flush=True)
