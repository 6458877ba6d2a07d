"""Flow-sensitive types: a local bound to different types reads as the binding that reaches each use, where the
code between is straight-line (or `if`/`else` arms); where flow is not simple it stays unknown, as before."""
from __future__ import annotations

import pytest

from .helpers import check_marked

CODES = ["ACK102", "ACK103", "ACK301", "ACK302"]

CASES = {
    "redeclared-in-straight-line-code": '''
        import io
        import httpx
        import requests
        import urllib3

        async def pools():
            c: urllib3.PoolManager = ...
            c.request("GET", "/")  # ACK102
            c: httpx.Client = ...
            c.get("/")  # ACK102
            c: httpx.AsyncClient = ...
            await c.get("/")

        async def overridden(f: io.TextIOWrapper):
            f: int = 7
            f.read()  # a type we cannot name is still not a file
            f: io.TextIOWrapper = ...
            f.read()  # ACK103
            f: "str" = f.read()  # ACK103
            f.read()

        async def reassigned(path):
            f = open(path)  # ACK103
            f.read()  # ACK103
            f = io.StringIO()
            f.read()
            s = requests.Session()
            s.get("/")  # ACK102
            s = httpx.AsyncClient()
            await s.get("/")
    ''',
    "if-arms": '''
        import io
        import requests

        def make():
            ...

        async def both_arms_rebind(path, flag):
            f = io.StringIO()
            f.read()
            if flag:
                f = open(path)  # ACK103
            else:
                f = open(path + ".bak")  # ACK103
            f.read()  # ACK103

        async def an_unknown_arm(flag):
            s = {}
            s.get("/")
            if flag:
                s = make()
            elif flag is None:
                s = requests.Session()
            else:
                s = requests.Session()
            s.get("/")  # ACK102 (the arm we cannot follow does not hide what the others agree on)

        async def the_arm_that_opens_returns(path, cached):
            f = io.StringIO()
            if cached:
                f = open(path)  # ACK103
                return f.read()  # ACK103
            f.read()

        async def one_arm_each(path, cached):
            f = io.StringIO()
            if cached:
                f = open(path)  # ACK103
            f.read()  # ACK103 (a file or a buffer: a file on one path)
            if cached: f = io.StringIO()
            else: raise ValueError
            f.read()
    ''',
    "loops-try-with-fall-back": '''
        import contextlib
        import io

        async def in_a_loop(paths):
            f = io.StringIO()
            for path in paths:
                f.read()  # a file from the previous pass, or the buffer: unknown
                f = open(path)  # ACK103
                f.read()  # ACK103 (straight after the rebinding, in the same pass)
            f.read()
            while paths:
                f = io.StringIO()
                f.read()
            f.read()

        async def in_a_try(path):
            f = io.StringIO()
            try:
                f = open(path)  # ACK103
            except OSError:
                f.read()
            f.read()
            with contextlib.suppress(OSError):
                f = io.StringIO()
            f.read()

        async def after_a_loop(files: list[io.TextIOWrapper]):
            f = io.StringIO()
            for f in files:
                f.read()  # ACK103
            f.read()  # the loop may not have run: unknown

        async def unrelated_loop(path, items):
            f = io.StringIO()
            f = open(path)  # ACK103
            for item in items:
                f.read()  # ACK103 (the loop does not bind it)
    ''',
    "closures-and-outer-names": '''
        import io

        async def closure(path):
            f = io.StringIO()

            async def later():
                f.read()  # runs at another time: unknown

            f = open(path)  # ACK103
            await later()

        async def reset_by_a_closure(path):
            f = io.StringIO()
            f = open(path)  # ACK103

            def reset():
                nonlocal f
                f = io.StringIO()

            reset()
            f.read()  # a nested function rebinds it: unknown

        async def declared_global(path):
            global F
            F = io.StringIO()
            F = open(path)  # ACK103
            F.read()  # a module's name: any function may have rebound it

        async def comprehension(path, buffers):
            f = io.StringIO()
            f = open(path)  # ACK103
            return [f.read() for f in buffers]  # the comprehension's own `f`
    ''',
    "narrowing-after-an-exit": '''
        import io
        import requests
        from typing import Optional

        async def guards(f, s, other, items):
            f.read()  # before the guard: unknown
            if not isinstance(f, io.TextIOWrapper):
                f.read()  # the branch that leaves: not a file
                return
            f.read()  # ACK103
            if not isinstance(s, requests.Session) or other:
                raise TypeError(s)
            s.get("/")  # ACK102
            for each in items:
                if not isinstance(each, io.TextIOWrapper):
                    continue
                each.read()  # ACK103
            if not isinstance(other, requests.Session):
                other = None
            else:
                other.get("/")  # ACK102

        async def optional(s: Optional[requests.Session]):
            if s is None:
                return
            s.get("/")  # ACK102

        async def look_alikes(f, s, flag, items):
            if not isinstance(f, io.TextIOWrapper):
                print("not a file")  # does not leave
            f.read()
            if not isinstance(s, requests.Session) and flag:
                return  # leaves only when the flag is set too
            s.get("/")
            for each in items:
                if isinstance(each, io.TextIOWrapper):
                    continue
                each.read()  # anything but a file
            if not isinstance(f, io.TextIOWrapper):
                return
            f = io.StringIO()
            f.read()  # rebound after the guard
    ''',
}


@pytest.mark.parametrize("name", CASES)
def test_flow(name):
    check_marked(CASES[name], CODES)
