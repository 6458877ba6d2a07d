"""The program's own call sites of `set_result`, `set_exception`, `cancel` and `call_soon` (checked where the
program makes them: up to 3.11 its files are compiled with each such call checked, from 3.12 sys.monitoring).
ACK401 for a future resolved from a thread through a helper class of the program, nothing awaiting it yet. Up to
3.11 on uvloop, a method called through another name (`setter = fut.set_result; setter(x)`) is not seen (asyncio's
loop sees it when it wakes a waiter). Look-alikes: the program's own classes with
methods of those names (one calling its base's through `super()`), a threading.Timer and a concurrent.futures Future cancelled from a thread, a TimerHandle
cancelled on the loop's thread, a call on an object that lacks the method (the program's AttributeError), a
call through a name bound to the method, futures of a loop not running yet."""
import asyncio
import concurrent.futures
import threading


class Reply:
    """The program's own class with a future's method names."""

    def __init__(self):
        self.value = None

    def set_result(self, value):
        self.value = value

    def cancel(self):
        self.value = "cancelled"

    def call_soon(self, fn, *args):
        self.value = fn(*args)

    def is_running(self):
        raise AssertionError("a checker must not call the program's methods")


class Slot:
    def __init__(self, fut):
        self.fut = fut

    def fill(self, value):
        self.fut.set_result(value)  # ACK401 (nothing awaits it: seen at the program's call site)


def by_other_names(fut, loop, got):
    setter = fut.set_result
    setter("by another name")  # ACK401 (asyncio only up to 3.11: a method not called by its name, on uvloop)
    soon = loop.call_soon
    soon(got.append, "soon")  # ACK402 (asyncio only up to 3.11: the same)


class Cancelling(Reply):
    def cancel(self):
        super().cancel()
        return self.value


async def take(fut):
    return await fut


async def in_thread(target, *args):
    t = threading.Thread(target=target, args=args)
    t.start()
    while t.is_alive():
        await asyncio.sleep(0.002)


async def main():
    loop = asyncio.get_running_loop()
    got = []
    slot = Slot(loop.create_future())
    await in_thread(slot.fill, "filled")
    got.append(await slot.fut)
    waited = loop.create_future()
    waiter = asyncio.create_task(take(waited))
    await asyncio.sleep(0)  # (it awaits the future now)
    await in_thread(by_other_names, waited, loop, got)
    got.append(await waiter)
    reply = Reply()
    await in_thread(lambda: reply.set_result("plain"))
    await in_thread(lambda: reply.call_soon(str, "soon"))
    got.append(reply.value)
    got.append(await asyncio.to_thread(lambda: Cancelling().cancel()))
    timer = threading.Timer(10, print)
    timer.start()
    await in_thread(lambda: timer.cancel())
    cfut = concurrent.futures.Future()
    await in_thread(lambda: cfut.cancel())
    got.append(cfut.cancelled())
    handle = loop.call_later(10, print)
    handle.cancel()
    try:
        object().cancel()
    except AttributeError as exc:
        got.append(type(exc).__name__)
    setter = loop.create_future().set_result
    setter("bound")
    print(got)


fresh = asyncio.new_event_loop()
early = fresh.create_future()
threading.Thread(target=lambda: early.set_result("before the loop ran")).start()
print(fresh.run_until_complete(early))
fresh.close()
asyncio.run(main())
