"""Shapes found wrong on a thirty-first held-out set (code spread over a package: singletons, factories, typed
attributes and re-exports across modules): each flagged shape beside the look-alikes that must stay quiet."""
from __future__ import annotations

from .helpers import project_findings


_TRANSPORT = {
    "svc/transport.py": '''
        import httpx
        import requests

        session = requests.Session()
        aclient = httpx.AsyncClient()
    ''',
}


def test_a_package_init_calling_what_it_imports_from_its_own_submodule(tmp_path):
    # `from .transport import session` in svc/__init__.py names svc.transport.session: a value only
    # svc/transport.py can tell the type of (the __init__ took every `svc.*` name for its own and found nothing)
    files = dict(_TRANSPORT)
    files["svc/__init__.py"] = '''
        from .transport import session
        from . import transport as wire

        async def ping(url):
            return session.get(url, timeout=3)

        async def ping_via_module(url):
            return wire.session.head(url, timeout=3)
    '''
    assert project_findings(tmp_path, files, {"ACK102"}) == {
        ("svc/__init__.py", 5, "ACK102"), ("svc/__init__.py", 8, "ACK102")}


def test_a_package_init_with_its_own_names_or_an_async_client_stays_quiet(tmp_path):
    # the async client of the submodule, awaited; and a function of the __init__ itself that shares the
    # submodule's name for what it binds (`session` here is the __init__'s own, an in-memory stand-in)
    files = dict(_TRANSPORT)
    files["svc/__init__.py"] = '''
        from .transport import aclient

        class _Recorder:
            def get(self, url, timeout=None):
                return url

        transport = _Recorder()

        async def ping(url):
            return await aclient.get(url)

        async def ping_recorded(url):
            return transport.get(url, timeout=3)
    '''
    assert project_findings(tmp_path, files, {"ACK102", "ACK103"}) == set()


_STORE = {
    "store/blobs.py": '''
        from pathlib import Path

        class Spool:
            def __init__(self, root):
                self.root = Path(root)

            def take(self, name):
                return (self.root / name).read_bytes()

        class Carpool:
            def __init__(self):
                self.riders = {}

            def take(self, name):
                return self.riders.get(name)
    ''',
    "store/__init__.py": "",
}


def test_an_attribute_typed_as_another_modules_class_beats_a_guess_from_its_name(tmp_path):
    # `self.spool` ends like `pool`, so the call was taken for an executor's; its declared class says what runs
    files = dict(_STORE)
    files["store/reader.py"] = '''
        from .blobs import Spool

        class Reader:
            def __init__(self, spool: Spool):
                self.spool = spool

            async def one(self, name):
                return self.spool.take(name)

        class Eager:
            spool: Spool

            async def one(self, name):
                return self.spool.take(name)
    '''
    assert project_findings(tmp_path, files, {"ACK103"}) == {("store/reader.py", 8, "ACK103"), ("store/reader.py", 14, "ACK103")}


def test_a_typed_attribute_of_an_in_memory_class_or_one_handed_to_a_thread_stays_quiet(tmp_path):
    files = dict(_STORE)
    files["store/reader.py"] = '''
        import asyncio

        from .blobs import Carpool, Spool

        class Seats:
            def __init__(self, carpool: Carpool, spool: Spool):
                self.carpool = carpool
                self.spool = spool

            async def seat(self, name):
                return self.carpool.take(name)

            async def blob(self, name):
                return await asyncio.to_thread(self.spool.take, name)
    '''
    assert project_findings(tmp_path, files, {"ACK103", "ACK108"}) == set()


def test_an_attribute_typed_as_a_subclass_of_the_librarys_executor_still_hands_work_to_its_threads(tmp_path):
    # the typed receiver is followed to the library's `submit` through the subclass: what it is handed runs on
    # a worker thread (a blocking call there is fine, an asyncio queue touched there is not)
    files = {
        "jobs/__init__.py": "",
        "jobs/pools.py": '''
            from concurrent.futures import ThreadPoolExecutor

            class BoundedPool(ThreadPoolExecutor):
                pass
        ''',
        "jobs/run.py": '''
            import asyncio
            import time

            from .pools import BoundedPool

            class Runner:
                def __init__(self, pool: BoundedPool):
                    self.pool = pool
                    self.done = asyncio.Queue(8)

                def _note(self):
                    self.done.put_nowait(1)

                async def later(self):
                    return await asyncio.wrap_future(self.pool.submit(time.sleep, 1))

                async def note_later(self):
                    self.pool.submit(self._note)
        ''',
    }
    assert project_findings(tmp_path, files, {"ACK101", "ACK106", "ACK401"}) == {("jobs/run.py", 12, "ACK401")}


_HELPERS = {
    "pay/helpers.py": '''
        import time

        import requests

        __all__ = ["charge", "tidy", "Ledger"]
        _session = requests.Session()

        def charge(token):
            return _session.post("https://psp.example/charge", json={"t": token}, timeout=5)

        def tidy(text):
            return text.strip()

        class Ledger:
            def flush(self):
                time.sleep(0.5)
    ''',
}


def test_a_helper_a_package_star_exports_is_followed_to_its_module(tmp_path):
    # `from .helpers import *` in pay/__init__.py: `from pay import charge` elsewhere is pay.helpers.charge,
    # which blocks; before, the name ended at the package, where nothing defines it
    files = dict(_HELPERS)
    files["pay/__init__.py"] = "from .helpers import *  # noqa: F403\n"
    files["pay/checkout.py"] = '''
        from . import charge, Ledger
        import pay

        async def checkout(token):
            return charge(token)

        async def close_books():
            Ledger().flush()

        async def checkout_qualified(token):
            return pay.charge(token)
    '''
    assert project_findings(tmp_path, files, {"ACK101", "ACK102"}) == {
        ("pay/checkout.py", 5, "ACK102"), ("pay/checkout.py", 8, "ACK101"), ("pay/checkout.py", 11, "ACK102")}


def test_a_star_exported_helper_handed_to_a_thread_or_that_does_no_io_stays_quiet(tmp_path):
    files = dict(_HELPERS)
    files["pay/__init__.py"] = "from .helpers import *  # noqa: F403\n"
    files["pay/checkout.py"] = '''
        import asyncio

        from . import charge, tidy

        async def checkout(token):
            return await asyncio.to_thread(charge, token)

        async def label(text):
            return tidy(text)
    '''
    assert project_findings(tmp_path, files, {"ACK101", "ACK102", "ACK103"}) == set()


def test_a_name_a_modules_own_star_import_brings_is_followed_there(tmp_path):
    # `from .helpers import *` at the top of a module, then `charge(...)` and `_client`-free names in its
    # coroutines: bound nowhere in the file, they are the helper module's
    files = dict(_HELPERS)
    files["pay/__init__.py"] = ""
    files["pay/views.py"] = '''
        from .helpers import *  # noqa: F403

        async def checkout(token):
            return charge(token)  # noqa: F405

        async def close_books():
            Ledger().flush()  # noqa: F405
    '''
    assert project_findings(tmp_path, files, {"ACK101", "ACK102"}) == {("pay/views.py", 4, "ACK102"), ("pay/views.py", 7, "ACK101")}


def test_star_imported_names_handed_to_a_thread_or_shadowed_locally_stay_quiet(tmp_path):
    # a name the module binds itself is its own, whatever the star import brings; a builtin stays a builtin
    files = dict(_HELPERS)
    files["pay/__init__.py"] = ""
    files["pay/views.py"] = '''
        import asyncio

        from .helpers import *  # noqa: F403

        def charge(token):
            return {"token": token}

        async def checkout(token):
            return charge(token)

        async def close_books():
            await asyncio.to_thread(Ledger().flush)  # noqa: F405

        async def names(items):
            return sorted(tidy(i) for i in items)  # noqa: F405
    '''
    assert project_findings(tmp_path, files, {"ACK101", "ACK102", "ACK103"}) == set()
