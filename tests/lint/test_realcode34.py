"""Shapes found wrong or overclaimed on real integration libraries (realcode34): each beside the real anti-pattern
of its kind, which is still reported."""
from __future__ import annotations

import textwrap

from asynccheck.lint import lint_source

from .helpers import ALL, check_marked


def _messages(source: str, code: str) -> list:
    return [message for _, message in _lines(source, code)]


def _lines(source: str, code: str) -> list:
    report = lint_source(textwrap.dedent(source), "example.py", ALL)
    return [(f.line, f.message) for f in report.findings if f.code == code]


def test_a_flag_tested_with_is_true_decides_the_branch_for_an_argument_left_out():
    # A client takes `tls=None` and makes a default TLS context only for `tls is True` (a context of the caller's
    # own may be passed instead): a call that leaves the argument out, or passes False or a context object it
    # made at start-up, never reads the CA store; `tls=True`, or a value the call site does not show, may
    # (`is False` and `is not True` the same way round)
    check_marked('''
        import ssl


        class Link:
            def __init__(self, host, *, tls=None):
                if tls is True:
                    tls = ssl.create_default_context()
                self.tls = tls


        def plain_unless(host, secure=None):
            if secure is not True:
                return None
            return ssl.create_default_context()


        def verified(host, insecure=False):
            if insecure is False:
                return ssl.create_default_context()
            return None


        async def main(options, ctx):
            Link("db")
            Link("db", tls=False)
            Link("db", tls=ctx)
            Link("db", tls=True)  # ACK103
            plain_unless("db", secure=options.secure)  # ACK103
            plain_unless("db")
            plain_unless("db", secure=True)  # ACK103
            verified("db", insecure=True)
            verified("db")  # ACK103
    ''', ["ACK103"])


def test_an_elif_test_reads_the_argument_the_branch_before_it_rebinds():
    # `if tls is True: tls = default_context() elif isinstance(tls, Paths): tls = context_from(tls)`: the
    # rebinding in the first branch does not reach the `elif` (nor the `else`), which still test the caller's
    # argument, so a call that leaves `tls` out takes neither branch. A rebinding before the chain is another
    # matter: the tests then read the helper's own value
    check_marked('''
        import ssl


        class Paths:
            cafile = None


        class Channel:
            def __init__(self, host, *, tls=None):
                if tls is True:
                    tls = self._context()
                elif isinstance(tls, Paths):
                    tls = self._context(tls.cafile)
                self.tls = tls

            def _context(self, cafile=None):
                return ssl.create_default_context(cafile=cafile)


        def eager(host, *, tls=None):
            tls = tls or host.endswith(":443")
            if tls is True:
                tls = ssl.create_default_context()
            elif isinstance(tls, Paths):
                tls = ssl.create_default_context(cafile=tls.cafile)
            return tls


        def context(tls=None):
            if tls:
                tls = ssl.create_default_context()
            else:
                return None
            return tls


        async def main():
            Channel("db")
            Channel("db", tls=True)  # ACK103
            eager("db")  # ACK103
            context()
            context(tls=True)  # ACK103
    ''', ["ACK103"])


def test_a_call_that_passes_the_flag_is_told_it_blocks_not_that_it_may():
    messages = _messages('''
        import ssl


        def connect(host, tls=None):
            if tls is True:
                tls = ssl.create_default_context()
            return tls


        async def main():
            connect("db", tls=True)
    ''', "ACK103")
    assert len(messages) == 1 and "blocks the event loop" in messages[0] and "may block" not in messages[0]


def test_a_pool_that_spawns_only_below_a_count_its_class_keeps_is_bounded():
    # An autoscaling pool's orchestrator starts a worker on a pass only when `self.current_concurrency` (a
    # property returning the len() of the running workers, 0 before a run) is under the desired number: the
    # cap is the class's own count, read as a property or called as a method. A property that counts
    # something else (the work done so far), a len() only tested against 0, or no test at all, bound nothing
    check_marked('''
        import asyncio


        class Pool:
            def __init__(self, work, desired):
                self._work = work
                self.desired = desired
                self._run = None
                self._done = 0

            @property
            def current_concurrency(self):
                if self._run is None:
                    return 0
                return len(self._run.workers)

            def in_flight(self):
                return len(self._run.workers)

            @property
            def finished(self):
                return self._done

            async def orchestrate(self, run, updated):
                while not run.result.done():
                    updated.clear()
                    if self.current_concurrency >= self.desired:
                        pass
                    else:
                        worker = asyncio.create_task(self._work())
                        run.workers.append(worker)
                        worker.add_done_callback(run.workers.remove)
                        continue
                    await asyncio.wait_for(updated.wait(), timeout=0.5)

            async def orchestrate_called(self, run, updated):
                while not run.result.done():
                    if self.in_flight() < self.desired:
                        worker = asyncio.create_task(self._work())
                        run.workers.append(worker)
                        worker.add_done_callback(run.workers.remove)
                    await asyncio.wait_for(updated.wait(), timeout=0.5)

            async def orchestrate_by_work_done(self, run, updated):
                while not run.result.done():
                    if self.finished < self.desired:
                        worker = asyncio.create_task(self._work())  # ACK502
                        run.workers.append(worker)
                    await asyncio.wait_for(updated.wait(), timeout=0.5)

            async def orchestrate_while_any(self, run, updated):
                while not run.result.done():
                    if self.current_concurrency > 0:
                        await asyncio.wait_for(updated.wait(), timeout=0.5)
                    worker = asyncio.create_task(self._work())  # ACK502
                    run.workers.append(worker)
    ''', ["ACK502"])


def test_a_helper_called_on_both_sides_of_a_flag_does_not_depend_on_the_flag():
    # A server's config makes its sockets with one helper whichever way `tls` is set (`if self.tls: a =
    # self._make(self.bind) else: a = self._make(self.bind)`), and the helper removes a stale unix socket file
    # only for a `unix:` bind (a test no argument decides): the call may block on some of its paths, but not
    # "depending on" `tls`, which only picks the branch. Two opens, one per side, block on every path. A
    # helper that opens a file on one side only still depends on the flag
    found = dict(_lines('''
        import os


        class Config:
            def __init__(self, tls):
                self.tls = tls
                self.bind = ["unix:/run/app.sock"]

            def create(self):
                if self.tls:
                    sockets = self._make(self.bind)
                else:
                    sockets = self._make(self.bind)
                return sockets

            def _make(self, binds):
                for bind in binds:
                    if bind.startswith("unix:"):
                        os.remove(bind[5:])
                return binds


        def read(path, binary):
            if binary:
                handle = open(path, "rb")
            else:
                handle = open(path)
            return handle


        def read_if(path, binary):
            if binary:
                return open(path, "rb")
            return None


        async def main(flag):
            Config(flag).create()
            read("data", flag)
            read_if("data", flag)
    ''', "ACK103"))
    assert set(found) == {39, 40, 41}, found
    assert "may block the event loop: on some of its paths" in found[39] and "depending" not in found[39]
    assert "blocks the event loop on every path" in found[40] and "depending" not in found[40]
    assert "may block the event loop, depending on `binary`" in found[41]


def test_a_helper_that_refuses_some_arguments_blocks_for_the_others_not_depending_on_them():
    # A credential's token helper raises for an empty list of scopes (`if not scopes: raise ValueError(...)`)
    # and then runs the CLI: every call that returns ran it, so the call blocks rather than "depending on
    # `scopes`". A static route opens the requested file, or falls back to another one, after returning early
    # for an OPTIONS request (a test no argument decides): it may block on some of its paths, whatever the
    # fallback is. A test that always holds where the call is made still rules the rest out (`if
    # loop.is_running(): raise` seen from a coroutine), and a helper that returns early for some arguments
    # still depends on them
    source = '''
        import asyncio
        import io
        import subprocess


        def token(*scopes):
            if not scopes:
                raise ValueError("no scope")
            return subprocess.check_output(["az", "account", "get-access-token", *scopes])


        def cached_token(cache, *scopes):
            if not scopes:
                return cache
            return subprocess.check_output(["az", "account", "get-access-token", *scopes])


        class StaticRoute:
            def __init__(self, fallback=None):
                self._fallback = fallback

            def __call__(self, req):
                if req.method == "OPTIONS":
                    return None
                if self._fallback is None:
                    handle = io.open(req.path, "rb")
                else:
                    try:
                        handle = io.open(req.path, "rb")
                    except OSError:
                        handle = io.open(self._fallback, "rb")
                return handle


        def run_sync(coro):
            loop = asyncio.get_event_loop()
            if loop.is_running():
                raise RuntimeError("await it instead")
            return loop.run_until_complete(coro)


        async def handler(req, scopes, cache):
            token(*scopes)
            cached_token(cache, *scopes)
            StaticRoute()(req)
            run_sync(asyncio.sleep(0))
    '''
    report = lint_source(textwrap.dedent(source), "example.py", ALL)
    found = {(f.line, f.code): f.message for f in report.findings if f.code in ("ACK103", "ACK104", "ACK108")}
    assert set(found) == {(44, "ACK104"), (45, "ACK104"), (46, "ACK103")}, found
    assert "`token(*scopes)` blocks the event loop" in found[44, "ACK104"]
    assert "may block the event loop, depending on `scopes`" in found[45, "ACK104"]
    assert "may block the event loop: on some of its paths" in found[46, "ACK103"]
    assert "depending" not in found[46, "ACK103"]
