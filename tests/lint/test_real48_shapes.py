"""Shapes from the sixth round of reading findings on real code nobody here wrote (bench/real/real48-labels.tsv):
the round's false findings, each beside the true one next to it, and misses seen in passing."""
from __future__ import annotations

from .helpers import check_marked, project_findings

_METHODS = {
    "pkg/__init__.py": "",
    "pkg/methods/__init__.py": '''
        from .stop import Stop


        class Methods(Stop):
            pass
    ''',
    "pkg/methods/stop.py": '''
        class Stop:
            async def stop(self):
                pass

            async def _teardown(self):
                pass
    ''',
}

_CLIENT = '''
    from pkg.methods import Methods


    class Client(Methods):
        def __exit__(self, *args):
            self.stop()

        def close(self):
            self._teardown()  # ACK301
'''


def test_a_class_whose_coroutine_methods_the_package_rebinds_to_sync_wrappers(tmp_path):
    # pyrogram's sync mode: a module-level `wrap(Methods)` rebinds every public coroutine method found by `dir()`
    # (`setattr` in a helper, after `inspect.iscoroutinefunction`), so `self.stop()` in a subclass's `__exit__`
    # runs it; a private method is not rebound, and its dropped coroutine is still reported
    files = {
        **_METHODS,
        "pkg/sync.py": '''
            import asyncio
            import functools
            import inspect

            from pkg.methods import Methods


            def async_to_sync(obj, name):
                function = getattr(obj, name)

                @functools.wraps(function)
                def wrapper(*args, **kwargs):
                    return asyncio.get_event_loop().run_until_complete(function(*args, **kwargs))

                setattr(obj, name, wrapper)


            def wrap(source):
                for name in dir(source):
                    method = getattr(source, name)
                    if not name.startswith("_") and inspect.iscoroutinefunction(method):
                        async_to_sync(source, name)


            wrap(Methods)
        ''',
        "pkg/client.py": _CLIENT,
    }
    assert project_findings(tmp_path, files, ["ACK301"]) == {("pkg/client.py", 9, "ACK301")}


def test_classes_handed_to_a_rebinder_of_all_its_arguments(tmp_path):
    # telethon's `syncify(*types)`: one function walks its `*types` and rebinds each class's coroutine methods
    files = {
        **_METHODS,
        "pkg/sync.py": '''
            import asyncio
            import inspect

            from pkg.methods import Methods


            def syncify(*types):
                for t in types:
                    for name in dir(t):
                        if inspect.iscoroutinefunction(getattr(t, name)):
                            method = getattr(t, name)
                            setattr(t, name, lambda *a, _m=method: asyncio.run(_m(*a)))


            syncify(Methods)
        ''',
        "pkg/client.py": _CLIENT,
    }
    assert project_findings(tmp_path, files, ["ACK301"]) == {("pkg/client.py", 9, "ACK301")}


def test_a_class_rebound_by_a_helper_that_does_not_look_for_coroutine_functions(tmp_path):
    # a `setattr` helper that wraps methods for tracing keeps them coroutine functions (the module's test for
    # coroutine functions is in another of its functions): the dropped coroutine is reported
    files = {
        **_METHODS,
        "pkg/tracing.py": '''
            import inspect

            from pkg.methods import Methods


            def is_async(obj):
                return inspect.iscoroutinefunction(obj)


            def traced(cls, name):
                method = getattr(cls, name)
                setattr(cls, name, method)


            def trace_all(cls):
                for name in dir(cls):
                    if callable(getattr(cls, name)):
                        traced(cls, name)


            trace_all(Methods)
        ''',
        "pkg/client.py": '''
            from pkg.methods import Methods


            class Client(Methods):
                def __exit__(self, *args):
                    self.stop()  # ACK301
        ''',
    }
    assert project_findings(tmp_path, files, ["ACK301"]) == {("pkg/client.py", 6, "ACK301")}


def test_a_type_comment_declares_what_an_attribute_or_a_local_holds():
    # pyrogram's storage: `self.conn = None  # type: sqlite3.Connection` in the base class, assigned by a subclass
    # the module never sees; its queries in the base class's coroutines block. A `# type: ignore` declares
    # nothing, a comment that is not a type is not read, and a declared connection used in a function handed to a
    # thread is not the loop's
    check_marked('''
        import asyncio
        import sqlite3
        import aiosqlite


        class Storage:
            def __init__(self, name):
                self.name = name
                self.conn = None  # type: sqlite3.Connection
                self.aconn = None  # type: aiosqlite.Connection
                self.other = None  # type: ignore[assignment]
                self.notes = None  # type: a list of notes, filled later

            async def update_peers(self, peers):
                self.conn.executemany("REPLACE INTO peers VALUES (?, ?)", peers)  # ACK105
                await self.aconn.executemany("REPLACE INTO peers VALUES (?, ?)", peers)
                self.other.executemany("REPLACE INTO peers VALUES (?, ?)", peers)
                self.notes.execute("x")

            async def save(self):
                await asyncio.to_thread(self._commit)

            def _commit(self):
                self.conn.commit()


        async def count(path):
            conn = None  # type: sqlite3.Connection
            conn = connect_somehow(path)
            return conn.execute("SELECT count(*) FROM peers").fetchone()  # ACK105


        async def count_in_thread(path):
            def work():
                conn = None  # type: sqlite3.Connection
                conn = connect_somehow(path)
                return conn.execute("SELECT count(*) FROM peers").fetchone()
            return await asyncio.to_thread(work)
    ''', ["ACK105"])
