"""The Python API: watch(), drain(), and installation that leaves nothing behind."""
from __future__ import annotations

import asyncio
import builtins
import io
import os
import queue
import select
import socket
import sqlite3
import ssl
import subprocess
import sys
import threading
import time
import warnings
import weakref
from asyncio import base_events, runners, selector_events
from concurrent import futures

import pytest

import asynccheck
from asynccheck.config import Config
from asynccheck.runtime import CheckerError

PATCHED = [
    (time, "sleep"), (builtins, "open"), (builtins, "input"), (io, "open"), (os, "system"), (select, "select"),
    (socket, "getaddrinfo"), (socket, "create_connection"), (subprocess.Popen, "wait"),
    (subprocess.Popen, "communicate"), (threading, "Lock"), (threading, "RLock"), (threading.Event, "wait"),
    (threading.Thread, "join"), (threading.Semaphore, "acquire"), (threading.Semaphore, "release"),
    (threading.Semaphore, "__enter__"), (threading.Condition, "wait"), (threading.Barrier, "wait"),
    (base_events.BaseEventLoop, "run_forever"),
    (queue.Queue, "get"), (queue.Queue, "put"), (futures.Future, "result"), (asyncio, "run"), (runners, "run"),
    (sqlite3, "connect"),
    (base_events.BaseEventLoop, "_check_closed"), (base_events.BaseEventLoop, "call_exception_handler"),
    (base_events.BaseEventLoop, "run_until_complete"), (asyncio.Queue, "__init__"),
    (warnings, "_warn_unawaited_coroutine"), (base_events.BaseEventLoop, "create_task"), (asyncio, "ensure_future"),
    (asyncio, "gather"), (asyncio.tasks, "gather"),
]
INHERITED = [(socket.socket, "recv"), (socket.socket, "sendall"), (socket.socket, "connect"),
             (socket.socket, "setblocking"), (socket.socket, "settimeout"), (socket.socket, "sendmsg"),
             (ssl.SSLSocket, "recv"), (ssl.SSLSocket, "read"), (selector_events._SelectorTransport, "__init__")]
PATCHED += [(asyncio.Queue, "put_nowait"), (asyncio.Queue, "get_nowait"), (asyncio.Event, "set"), (asyncio.Event, "clear"),
            (asyncio.Lock, "release"), (asyncio.Semaphore, "release"), (asyncio.Condition, "notify"),
            (asyncio.Condition, "notify_all"), (asyncio.events, "_set_running_loop"), (asyncio, "_set_running_loop")]  # ACK401 (runtime/threads.py)


def test_uninstall_restores_every_original():
    before = {(id(owner), name): getattr(owner, name) for owner, name in PATCHED + INHERITED}
    own = {(id(owner), name): name in vars(owner) for owner, name in INHERITED}
    meta_path, profile, depth = list(sys.meta_path), sys.getprofile(), sys.get_coroutine_origin_tracking_depth()
    # asyncio's registry of tasks, held by the C module, is a WeakSet whose `add` is replaced, then given back
    # (runtime/tasks.py)
    registry = getattr(asyncio.tasks, "_scheduled_tasks", None)  # (3.12+; up to 3.11, every task's)
    registry = registry if registry is not None else asyncio.tasks._all_tasks
    registry_class, registry_add = type(registry), weakref.WeakSet.add
    with asynccheck.watch(Config().override(select=["ALL"]), track_origins=True):
        assert weakref.WeakSet.add is not registry_add and type(registry) is registry_class
        assert time.sleep is not before[(id(time), "sleep")]
        assert socket.socket.recv is not before[(id(socket.socket), "recv")]
        lock = threading.Lock()

        async def holds():
            with lock:
                await asyncio.sleep(0)

        asyncio.run(holds())
    for owner, name in PATCHED + INHERITED:
        assert getattr(owner, name) is before[(id(owner), name)], name
    for owner, name in INHERITED:
        assert (name in vars(owner)) == own[(id(owner), name)]
    assert sys.meta_path == meta_path and sys.getprofile() is profile
    assert sys.get_coroutine_origin_tracking_depth() == depth
    assert type(registry) is registry_class and weakref.WeakSet.add is registry_add and "add" not in vars(registry)


def test_uninstall_restores_uvloop():
    uvloop = pytest.importorskip("uvloop")
    names = ("call_exception_handler", "run_until_complete", "run_forever")
    before = {name: (getattr(uvloop.Loop, name), name in vars(uvloop.Loop)) for name in names}
    with asynccheck.watch(Config().override(select=["ALL"])):
        assert uvloop.Loop.call_exception_handler is not before["call_exception_handler"][0]
    for name in names:
        assert (getattr(uvloop.Loop, name), name in vars(uvloop.Loop)) == before[name]


def test_drain_counts_per_window_and_stall_setting():
    async def main(times):
        for _ in range(times):
            time.sleep(0.001)
        await asyncio.sleep(0)

    with asynccheck.watch(stall_ms=250) as session:
        assert session.stall_ms == 250
        session.stall_ms = 40
        assert session.runtime.watchdog.interval == pytest.approx(0.01)
        asyncio.run(main(3))
        first = session.drain()
        asyncio.run(main(2))
        second = session.drain()
    assert [(f.code, f.count) for f in first] == [("ACK101", 3)]
    assert [(f.code, f.count) for f in second] == [("ACK101", 2)]
    assert [(f.code, f.count) for f in session.findings] == [("ACK101", 5)]


def test_findings_and_drain():
    async def main():
        time.sleep(0.001)
        await asyncio.sleep(0)

    with asynccheck.watch() as session:
        asyncio.run(main())
        first = session.drain()
        asyncio.run(main())
        second = session.drain()
    assert [(f.code, f.count) for f in first] == [("ACK101", 1)]
    assert [f.code for f in second] == ["ACK101"]
    assert [(f.code, f.count) for f in session.findings] == [("ACK101", 2)]
    assert session.drain() == []


def test_sync_code_and_threads_are_not_findings():
    def work():
        time.sleep(0.001)
        with open(__file__) as fh:
            fh.read(1)

    async def main():
        await asyncio.to_thread(work)

    with asynccheck.watch(Config().override(select=["ALL"])) as session:
        work()
        asyncio.run(main())
        t = threading.Thread(target=work)
        t.start()
        t.join()
    assert session.findings == []


def test_raise_mode():
    async def main():
        time.sleep(0.001)

    with asynccheck.watch(raise_on_finding=True):
        with pytest.raises(CheckerError, match="ACK101"):
            asyncio.run(main())


def test_one_runtime_at_a_time():
    with asynccheck.watch():
        with pytest.raises(RuntimeError, match="already installed"):
            asynccheck.watch().start()


def test_loops_in_threads_and_repeated_runs():
    async def main():
        time.sleep(0.001)

    def in_thread():
        asyncio.run(main())

    with asynccheck.watch() as session:
        threads = [threading.Thread(target=in_thread) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for _ in range(3):
            asyncio.run(main())
    (finding,) = session.findings
    assert finding.count == 6


def test_loop_created_before_install():
    loop = asyncio.new_event_loop()
    try:
        async def main():
            loop.call_soon(print)  # fine: same thread
            time.sleep(0.001)

        with asynccheck.watch() as session:
            loop.run_until_complete(main())
        assert [f.code for f in session.findings] == ["ACK101"]
    finally:
        loop.close()


def test_uvloop_keeps_working_and_blocking_checks_work():
    uvloop = pytest.importorskip("uvloop")

    async def main():
        time.sleep(0.001)
        await asyncio.sleep(0)
        return 42

    with asynccheck.watch(Config().override(select=["ALL"])) as session:
        loop = uvloop.new_event_loop()
        try:
            assert loop.run_until_complete(main()) == 42
        finally:
            loop.close()
    assert [f.code for f in session.findings] == ["ACK101"]


def test_code_a_library_compiles_from_a_string_is_not_the_programs():
    """dataclasses and namedtuple `exec` the methods they make: a frame of such code, run by the library or by
    the program, is no line of the program's (a stall while a library imports was reported at `<string>:1`, a
    queue a dataclass's default_factory made at `<string>:4`); the program's own `exec` still is."""
    import dataclasses

    from asynccheck.runtime.frames import FrameFilter

    captured = []

    @dataclasses.dataclass
    class Point:
        x: int

        def __post_init__(self):
            captured.append(sys._getframe(1))  # the generated __init__

    dataclasses.replace(Point(1), x=2)  # the library calls the generated __init__
    exec("capture(sys._getframe())", {"capture": captured.append, "sys": sys})
    by_program_init, by_library, by_program = captured
    assert {f.f_code.co_filename for f in captured} == {"<string>"}
    frames = FrameFilter()
    assert frames.user_frame(by_library) is sys._getframe()  # the program's line that called the library
    assert frames.user_frame(by_library, until=by_library.f_back) is None  # none inside (a stall's step)
    assert frames.user_frame(by_program_init) is sys._getframe()  # called by the program: the line that called it
    assert frames.user_frame(by_program) is by_program


def test_foreign_thread_prologue_keeps_the_method():
    """A recompiled method behaves as asyncio's own (errors, its file and lines in tracebacks), and a method whose
    source is not what runs is left alone."""
    from asynccheck.runtime.threads import with_prologue

    put = with_prologue(asyncio.Queue, "put_nowait", lambda *a: None, asyncio.events._get_running_loop)
    assert put.__wrapped__ is asyncio.Queue.put_nowait and put.__qualname__ == "Queue.put_nowait"
    async def made():  # (Python 3.9 binds a queue to a loop when it is made)
        return asyncio.Queue(1)

    full = asyncio.run(made())
    put(full, 1)
    with pytest.raises(asyncio.QueueFull) as caught:
        put(full, 2)
    frame = caught.traceback[-1]
    assert frame.path == __import__("pathlib").Path(asyncio.queues.__file__) and frame.name == "put_nowait"
    namespace: dict = {}
    exec("class Made:\n    def put_nowait(self, item):\n        return item\n", namespace)
    assert with_prologue(namespace["Made"], "put_nowait", print, asyncio.events._get_running_loop) is None


def test_a_tools_wrapper_around_the_blocking_function_is_not_named_in_the_chain(tmp_path, monkeypatch):
    """A tool of the program's (blockbuster) replaces a blocking function with a closure forwarding *args and
    **kwargs: the chain names the function the program called, not the tool's closure; a library's own function
    making the call is still named."""
    import importlib

    from asynccheck.runtime.blocking import chained
    from asynccheck.runtime.frames import FrameFilter

    (tmp_path / "some_tool.py").write_text(
        "def wrapping(func):\n"
        "    def wrapper(*args, **kwargs):\n"
        "        return func(*args, **kwargs)\n"
        "    return wrapper\n\n\n"
        "def nap(blocking, seconds):\n"
        "    return blocking(seconds)\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    tool = importlib.import_module("some_tool")
    frames = FrameFilter()
    frames.foreign += (str(tmp_path) + os.sep,)  # the tool is installed code, as in site-packages
    named = []

    def blocking(seconds):  # stands for time.sleep: the frame that calls it is the call
        entered = frames.entry(sys._getframe(1))
        named.append(chained(frames, entered[1], sys._getframe(1), "time.sleep()"))

    def helper():  # the program's own: named, then the call
        tool.wrapping(blocking)(0)

    async def program():
        tool.wrapping(blocking)(0)
        tool.nap(blocking, 0)
        helper()

    asyncio.run(program())
    helper_name = getattr(helper.__code__, "co_qualname", "helper")  # (3.11+ names it with the test's <locals>)
    assert named == ["`time.sleep()`", "`some_tool.nap()` -> `time.sleep()`", f"`{helper_name}()` -> `time.sleep()`"]
