"""A blocking call in a ``__del__`` runs wherever its object happened to be freed (a ``gc.collect()``, a name
rebound, the end of a function): the line to change is in the finalizer, not the program's line that freed it.
A sync method the coroutine calls itself is still reported at the coroutine's call of it."""
import asyncio
import gc
import time

import asynccheck


def _sleeps(session):
    return [f.line for f in session.findings if f.code == "ACK101" and f.path == __file__]


def _line(text):
    return next(n for n, line in enumerate(open(__file__), 1) if text in line and "_line(" not in line)


def _goodbye():
    time.sleep(0.001)


class Pooled:
    def __init__(self):
        self.cycle = self  # freed by the collector only

    def __del__(self):
        _goodbye()  # the finalizer's call


class Plain:
    def __del__(self):
        time.sleep(0.001)  # the plain finalizer's sleep


def test_a_finalizer_that_blocks_is_reported_in_the_finalizer():
    async def main():
        Pooled()
        gc.collect()
        p = Plain()
        await asyncio.sleep(0)
        del p

    with asynccheck.watch() as session:
        asyncio.run(main())
    assert sorted(_sleeps(session)) == sorted([_line("# the finalizer's call"), _line("# the plain finalizer's")])


class Conn:
    def __init__(self):
        self.cycle = self

    def close(self):
        _goodbye()


def test_a_method_the_coroutine_calls_is_reported_at_its_call():
    async def main():
        conn = Conn()
        conn.close()  # the coroutine's call
        del conn
        gc.collect()

    with asynccheck.watch() as session:
        asyncio.run(main())
    assert _sleeps(session) == [_line("# the coroutine's call")]
