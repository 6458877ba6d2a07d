"""Shapes the lmiss12 session closed: a polling acquire written as `while True: if lock.acquire(False): break`,
queues paced by name told apart by their owner's class,
... each beside the look-alikes that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked, named_findings, project_findings


def test_thread_lock_got_by_a_break_out_of_a_polling_loop_is_held_after_it():
    check_marked('''
        import asyncio
        import threading

        async def poll(lock: threading.Lock, job) -> None:
            while True:
                if lock.acquire(False):  # ACK201
                    break
                await asyncio.sleep(0.01)
            try:
                await job()
            finally:
                lock.release()

        async def poll_keyword(lock: threading.RLock, job) -> None:
            while 1:
                if lock.acquire(blocking=False):  # ACK201
                    got = True
                    break
                await asyncio.sleep(0.01)
            await job()
            lock.release()

        async def poll_timeout(lock: threading.Lock, job) -> None:
            while True:
                if lock.acquire(timeout=0):  # ACK201
                    break
                await asyncio.sleep(0.01)
            await job()
            lock.release()

        async def poll_released_first(lock: threading.Lock, job, state: dict) -> None:
            while True:
                if lock.acquire(False):
                    break
                await asyncio.sleep(0.01)
            state["n"] = 1
            lock.release()
            await job()

        async def poll_with_deadline(lock: threading.Lock, job, loop, deadline: float) -> None:
            while True:
                if lock.acquire(False):
                    break
                if loop.time() > deadline:
                    break
                await asyncio.sleep(0.01)
            await job()

        async def poll_until_flag(lock: threading.Lock, job, flags) -> None:
            while flags.running:
                if lock.acquire(False):
                    break
                await asyncio.sleep(0.01)
            await job()

        async def poll_held_inside(lock: threading.Lock, job) -> None:
            while True:
                if lock.acquire(False):
                    lock.release()
                    break
                await asyncio.sleep(0.01)
            await job()

        def poll_in_a_thread(lock: threading.Lock, job) -> None:
            while True:
                if lock.acquire(False):
                    break
            job()
            lock.release()
    ''', ["ACK201"])


def test_pacing_one_classes_queue_leaves_another_classes_queue_of_the_same_name_unbounded(tmp_path):
    # the producer of `Paced.queue` waits for room; `Loose.queue`, by the same attribute name, nobody paces
    found = project_findings(tmp_path, {
        "asynccheck.toml": "",
        "shop/__init__.py": "",
        "shop/model.py": """
            import asyncio


            class Paced:
                def __init__(self):
                    self.queue = asyncio.Queue()


            class Loose:
                def __init__(self):
                    self.queue = asyncio.Queue()


            class LoosePaced(Loose):
                pass
        """,
        "shop/feed.py": """
            import asyncio

            from shop.model import Paced, Loose


            async def feed(paced: Paced, items):
                for item in items:
                    while paced.queue.qsize() > 50:
                        await asyncio.sleep(0.01)
                    paced.queue.put_nowait(item)


            async def flood(loose: Loose, items):
                for item in items:
                    loose.queue.put_nowait(item)
        """,
    }, ["ACK501"])
    assert found == {("shop/model.py", 11, "ACK501")}
    assert named_findings(tmp_path, "shop/model.py", ["ACK501"]) == found


def test_a_pacer_that_cannot_tell_the_owner_still_paces_every_queue_of_that_name(tmp_path):
    found = project_findings(tmp_path, {
        "asynccheck.toml": "",
        "shop/__init__.py": "",
        "shop/model.py": """
            import asyncio


            class Paced:
                def __init__(self):
                    self.queue = asyncio.Queue()


            class Other:
                def __init__(self):
                    self.queue = asyncio.Queue()
        """,
        "shop/feed.py": """
            import asyncio


            async def feed(owner, items):
                for item in items:
                    while owner.queue.qsize() > 50:
                        await asyncio.sleep(0.01)
                    owner.queue.put_nowait(item)
        """,
    }, ["ACK501"])
    assert found == set()


def test_a_class_pacing_its_own_queue_says_nothing_of_another_classes_queue():
    check_marked('''
        import asyncio


        class Pump:
            def __init__(self):
                self.queue = asyncio.Queue()

            async def push(self, item):
                while self.queue.qsize() >= 100:
                    await asyncio.sleep(0.01)
                self.queue.put_nowait(item)


        class Sink:
            def __init__(self):
                self.queue = asyncio.Queue()  # ACK501


        async def flood(sink: Sink, items):
            for item in items:
                sink.queue.put_nowait(item)


        class Mixer(Pump):
            async def mix(self, item):
                self.queue.put_nowait(item)
    ''', ["ACK501"])


def test_sync_function_declaring_a_container_result_returns_a_coroutine():
    # a coroutine is neither a dict nor a list: returned whole from `-> dict` it is taken for one; a container of
    # coroutines is a batch to gather unless the declared items are plain values
    check_marked('''
        import asyncio
        from typing import Awaitable, Dict, List, Optional

        async def fetch(key: str) -> int:
            await asyncio.sleep(0)
            return len(key)

        def load_config(key: str) -> dict:
            return fetch(key)  # ACK301

        def load_rows(key: str) -> Optional[List[int]]:
            rows = fetch(key)  # ACK301
            return rows

        def load_pair(key: str) -> tuple[int, int]:
            return fetch(key)  # ACK301

        def sizes(keys: list[str]) -> dict[str, int]:
            return {k: fetch(k) for k in keys}  # ACK301

        def size_report(key: str) -> Dict[str, int]:
            size = fetch(key)  # ACK301
            return {"size": size}

        def size_display(key: str) -> dict[str, int]:
            return {"size": fetch(key)}  # ACK301

        def batch(keys: list[str]) -> dict:
            return {k: fetch(k) for k in keys}

        def batch_display(key: str) -> dict:
            return {"size": fetch(key)}

        def batch_bound(key: str) -> dict:
            job = fetch(key)
            return {"size": job}

        def batch_list(keys: list[str]) -> list:
            return [fetch(k) for k in keys]

        def batch_awaitables(keys: list[str]) -> dict[str, Awaitable[int]]:
            return {k: fetch(k) for k in keys}

        def handed_on(key: str) -> Awaitable[int]:
            return fetch(key)

        def handed_on_untyped(key: str):
            return fetch(key)

        class Rows(list):
            pass

        def own_container(key: str) -> "Rows":
            return fetch(key)
    ''', ["ACK301"])


_BOLT_SOURCE = {
    "asynccheck.toml": "",
    "slack_bolt/__init__.py": """
        from .app import App
    """,
    "slack_bolt/app/__init__.py": """
        from .app import App
    """,
    "slack_bolt/app/app.py": """
        import time


        class App:
            def dispatch(self, request):
                while not request.acked:
                    time.sleep(0.01)
                return request.response

            def name(self):
                return "app"
    """,
    "slack_bolt/adapter/__init__.py": "",
    "slack_bolt/adapter/handler.py": """
        from slack_bolt import App


        class Handler:
            def __init__(self, app: App):
                self.app = app

            async def handle(self, request):
                return self.app.dispatch(request)

            async def label(self):
                return self.app.name()

            def handle_sync(self, request):
                return self.app.dispatch(request)
    """,
}


def test_a_librarys_own_source_is_read_under_the_name_the_tables_give_its_class(tmp_path):
    # linting slack_bolt itself: `from slack_bolt import App` gives the tables' name for the sync app
    # (`slack_bolt.App`), which the project defines as slack_bolt.app.app.App; its own methods are read there
    found = project_findings(tmp_path, _BOLT_SOURCE, ["ACK101"])
    assert found == {("slack_bolt/adapter/handler.py", 9, "ACK101")}
    assert named_findings(tmp_path, "slack_bolt/adapter/handler.py", ["ACK101"]) == found


def test_a_user_of_the_library_is_not_given_a_copy_of_its_source(tmp_path):
    # the same names in a project that only uses the library: nothing of the project defines them
    files = {name: text for name, text in _BOLT_SOURCE.items() if not name.startswith("slack_bolt/")}
    files["bot/__init__.py"] = ""
    files["bot/handler.py"] = _BOLT_SOURCE["slack_bolt/adapter/handler.py"]
    assert project_findings(tmp_path, files, ["ACK101"]) == set()


def test_a_sync_method_whose_installed_twin_hands_back_an_async_pager_blocks_where_iterated(tmp_path, monkeypatch):
    # Azure Cosmos-style `query_items`: the async client's method is a plain `def` returning an async pager (not a
    # coroutine function); the sync one's pager fetches its pages as it is iterated, on the loop's thread
    from asynccheck.lint import stubs

    if not stubs.available():
        return
    files = {
        "dbkit/__init__.py": "",
        "dbkit/py.typed": "",
        "dbkit/container.py": (
            "from typing import Any, Dict, Iterable\n\n"
            "class ContainerProxy:\n"
            "    def query_items(self, query: str) -> Iterable[Dict[str, Any]]:\n        return []\n"
            "    def get_client(self) -> 'ContainerProxy':\n        return self\n"),
        "dbkit/aio/__init__.py": (
            "from typing import Any, AsyncIterator, Dict\n\n"
            "class AsyncItemPaged:\n    pass\n\n"
            "class AsyncContainerClient:\n"
            "    pass\n\n"
            "class ContainerProxy:\n"
            "    def query_items(self, query: str) -> AsyncItemPaged:\n        return AsyncItemPaged()\n"
            "    def read_all(self) -> AsyncIterator[Dict[str, Any]]:\n        return iter(())\n"
            "    def get_client(self) -> AsyncContainerClient:\n        return AsyncContainerClient()\n"),
    }
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(stubs, "_twin_resolver", stubs._UNSET)
    monkeypatch.setattr(stubs, "_twins", {})
    check_marked('''
        import asyncio

        from dbkit.container import ContainerProxy

        async def orders(container: ContainerProxy):
            rows = [row for row in container.query_items("SELECT * FROM c")]  # ACK105
            pager = container.query_items("SELECT VALUE COUNT(1) FROM c")  # ACK105
            for count in pager:
                rows.append(count)
            return rows

        async def quiet(container: ContainerProxy):
            pager = container.query_items("SELECT * FROM c")
            rows = await asyncio.to_thread(list, pager)
            client = container.get_client()
            return rows, client

        def sync_orders(container: ContainerProxy):
            return list(container.query_items("SELECT * FROM c"))
    ''', ["ACK105"])


_SHOP = {
    "asynccheck.toml": "",
    "shop/__init__.py": "from shop.cart import Cart\n",
    "shop/cart.py": """
        import asyncio


        class Cart:
            def __init__(self, http):
                self.http = http

            async def total(self, user):
                return self.http.get(f"https://shop.example/{user}")


        class Outbox:
            def __init__(self):
                self.mail = asyncio.Queue()

            def label(self):
                return "outbox"
    """,
}


def test_a_named_file_is_judged_as_in_the_whole_tree_through_a_packages_re_export(tmp_path):
    # `from shop import Cart` (or `import shop` and `shop.Cart(...)`) hands the class a requests session; a queue
    # handed in as a parameter is filled by a module that imports nothing of its maker
    files = dict(_SHOP)
    files["app/__init__.py"] = ""
    files["app/main.py"] = """
        import requests

        from shop import Cart as C

        CART = C(http=requests.Session())
    """
    files["app/post.py"] = """
        async def send(outbox, letters):
            for letter in letters:
                outbox.mail.put_nowait(letter)
    """
    whole = project_findings(tmp_path, files, ["ACK102", "ACK501"])
    assert whole == {("shop/cart.py", 9, "ACK102"), ("shop/cart.py", 14, "ACK501")}
    assert named_findings(tmp_path, "shop/cart.py", ["ACK102", "ACK501"]) == whole


def test_a_package_import_then_the_re_exported_name(tmp_path):
    files = dict(_SHOP)
    files["main.py"] = """
        import requests
        import shop

        CART = shop.Cart(requests.Session())
    """
    whole = project_findings(tmp_path, files, ["ACK102", "ACK501"])
    assert whole == {("shop/cart.py", 9, "ACK102")}
    assert named_findings(tmp_path, "shop/cart.py", ["ACK102", "ACK501"]) == whole


def test_a_re_exported_class_handed_something_else_stays_unknown(tmp_path):
    files = dict(_SHOP)
    files["main.py"] = """
        import httpx
        from shop import Cart

        CART = Cart(http=httpx.AsyncClient())
    """
    files["other.py"] = """
        def mail(outbox: "Mailer"):
            outbox.mail.qsize()
    """
    assert project_findings(tmp_path, files, ["ACK102", "ACK501"]) == set()
    assert named_findings(tmp_path, "shop/cart.py", ["ACK102", "ACK501"]) == set()


def test_a_per_request_queue_its_module_only_signals_through_a_list_is_no_stream():
    # each request's queue, kept in a list and returned to its caller, is told once that the request is done
    # (None) or failed (the exception caught); queues of a list fed items of work are still streams
    check_marked('''
        import asyncio
        import copy


        class Batcher:
            def __init__(self):
                self.requests = []
                self.done = []
                self.subscribers = []

            async def push(self, request):
                self.requests.append(request)
                finished = asyncio.Queue()
                self.done.append(finished)
                return finished

            async def flush(self, work):
                batch = copy.copy(self.done)
                try:
                    await work(self.requests)
                except Exception as exc:
                    for waiting in batch:
                        await waiting.put(exc)
                    return
                for i in range(len(batch)):
                    reply = batch[i]
                    await reply.put(None)

            async def subscribe(self):
                inbox = asyncio.Queue()  # ACK501
                self.subscribers.append(inbox)
                return inbox

            async def publish(self, message):
                for inbox in list(self.subscribers):
                    inbox.put_nowait(message)
    ''', ["ACK501"])
