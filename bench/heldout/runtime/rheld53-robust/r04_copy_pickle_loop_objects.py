"""Copying and pickling objects that hold asyncio's and threading's primitives: a settings object deep-copied per
request, `dataclasses.asdict` of a state record, a job snapshot pickled for a crash dump, `copy.copy` sharing
state. What python allows and refuses, with which exception and message, before and after a loop used them."""
import asyncio
import concurrent.futures
import copy
import dataclasses
import pickle
import queue
import threading


@dataclasses.dataclass
class WorkerState:
    name: str
    ready: asyncio.Event
    inbox: asyncio.Queue
    guard: asyncio.Lock


def attempt(label, fn):
    try:
        out = fn()
        print(label, "ok", type(out).__name__, describe(out))
    except Exception as exc:
        print(label, "refused", type(exc).__name__, str(exc)[:70])


def describe(obj):
    if isinstance(obj, asyncio.Event):
        return f"set={obj.is_set()}"
    if isinstance(obj, asyncio.Queue):
        return f"qsize={obj.qsize()} maxsize={obj.maxsize}"
    if isinstance(obj, (asyncio.Lock, asyncio.Semaphore)):
        return f"locked={obj.locked()}"
    if isinstance(obj, dict):
        return sorted(obj)
    return ""


def kinds():
    q = asyncio.Queue(5)
    q.put_nowait("a")
    ev = asyncio.Event()
    ev.set()
    return {"lock": asyncio.Lock(), "event": ev, "queue": q, "sem": asyncio.Semaphore(2),
            "cond": asyncio.Condition(), "bsem": asyncio.BoundedSemaphore(1)}


def round_trips(stage, objs):
    for name, obj in objs.items():
        attempt(f"{stage} deepcopy {name}", lambda: copy.deepcopy(obj))
        attempt(f"{stage} pickle {name}", lambda: pickle.loads(pickle.dumps(obj)))
        attempt(f"{stage} copy {name}", lambda: copy.copy(obj))


async def use(objs):
    async with objs["lock"]:
        pass
    await objs["event"].wait()
    await objs["queue"].get()
    async with objs["sem"]:
        pass
    async with objs["cond"]:
        objs["cond"].notify_all()
    waiter = asyncio.ensure_future(objs["event"].wait())
    await waiter


async def contend(objs):
    async def holder():
        async with objs["lock"], objs["sem"], objs["sem"]:
            await asyncio.sleep(0.01)

    async def notifier():
        await asyncio.sleep(0.01)
        async with objs["cond"]:
            objs["cond"].notify_all()
        objs["queue"].put_nowait("b")

    objs["event"].clear()
    waiters = [asyncio.ensure_future(holder())]
    await asyncio.sleep(0)
    waiters.append(asyncio.ensure_future(objs["lock"].acquire()))
    waiters.append(asyncio.ensure_future(objs["sem"].acquire()))
    waiters.append(asyncio.ensure_future(objs["event"].wait()))
    waiters.append(asyncio.ensure_future(objs["queue"].get()))
    waiters.append(asyncio.ensure_future(notifier()))
    async with objs["cond"]:
        await objs["cond"].wait()
    objs["event"].set()
    await asyncio.gather(*waiters)
    objs["lock"].release()
    objs["sem"].release()


async def main():
    before = kinds()
    round_trips("unused", before)
    await use(before)
    round_trips("used", before)
    await contend(before)
    round_trips("waited on", before)
    state = WorkerState("w1", asyncio.Event(), asyncio.Queue(), asyncio.Lock())
    attempt("asdict fresh", lambda: dataclasses.asdict(state))
    state.ready.set()
    await state.ready.wait()
    state.inbox.put_nowait(1)
    async with state.guard:
        pass
    attempt("asdict used", lambda: dataclasses.asdict(state))
    attempt("replace used", lambda: dataclasses.replace(state, name="w2"))
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    attempt("deepcopy future", lambda: copy.deepcopy(fut))
    attempt("pickle future", lambda: pickle.dumps(fut))
    task = asyncio.ensure_future(asyncio.sleep(0))
    attempt("copy task", lambda: copy.copy(task))
    attempt("pickle task", lambda: pickle.dumps(task))
    await task
    attempt("pickle threading.Lock", lambda: pickle.dumps(threading.Lock()))
    attempt("deepcopy threading.RLock", lambda: copy.deepcopy(threading.RLock()))
    attempt("deepcopy threading.Event", lambda: copy.deepcopy(threading.Event()))
    attempt("deepcopy queue.Queue", lambda: copy.deepcopy(queue.Queue()))
    attempt("pickle cf.Future", lambda: pickle.dumps(concurrent.futures.Future()))
    attempt("deepcopy Condition(Lock)", lambda: copy.deepcopy(threading.Condition(threading.Lock())))


asyncio.run(main())
