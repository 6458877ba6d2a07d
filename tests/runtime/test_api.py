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
import subprocess
import sys
import threading
import time
import warnings
from asyncio import base_events, runners
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
INHERITED = [(socket.socket, "recv"), (socket.socket, "sendall"), (socket.socket, "connect")]


def test_uninstall_restores_every_original():
    before = {(id(owner), name): getattr(owner, name) for owner, name in PATCHED + INHERITED}
    own = {(id(owner), name): name in vars(owner) for owner, name in INHERITED}
    meta_path, profile, depth = list(sys.meta_path), sys.getprofile(), sys.get_coroutine_origin_tracking_depth()
    with asynccheck.watch(Config().override(select=["ALL"]), track_origins=True):
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
