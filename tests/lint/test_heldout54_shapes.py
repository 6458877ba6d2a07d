"""Shapes found missing on a held-out set of developer tools and libraries (SDK clients, sync facades, CLIs):
each flagged shape beside the look-alikes that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked

BLOCKING = ["ACK101", "ACK102", "ACK103", "ACK104", "ACK105", "ACK106", "ACK107", "ACK108"]


def test_a_private_class_is_a_class_when_it_types_a_name_or_a_return():
    # `_Worker` is as much a class as `Worker`: what its methods do follows a value typed with it
    check_marked('''
        import asyncio
        import threading
        from concurrent.futures import Future

        class _Bridge:
            def __init__(self) -> None:
                self.loop = asyncio.new_event_loop()
                threading.Thread(target=self.loop.run_forever, daemon=True).start()

            def call(self, coro, timeout: float | None = None):
                return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

            def submit(self, coro) -> Future:
                return asyncio.run_coroutine_threadsafe(coro, self.loop)

        _shared: _Bridge | None = None

        def _bridge() -> _Bridge:
            global _shared
            if _shared is None:
                _shared = _Bridge()
            return _shared

        async def ping_via_bridge(client) -> None:
            _bridge().call(client.ping(), timeout=3)  # ACK106

        async def ping_typed(client, bridge: _Bridge) -> None:
            bridge.call(client.ping())  # ACK106

        async def ping_submitted(client, bridge: _Bridge) -> None:
            await asyncio.wrap_future(bridge.submit(client.ping()))

        def ping_sync(client) -> None:
            _bridge().call(client.ping())
    ''', BLOCKING)


def test_a_private_class_that_only_shares_a_method_name_stays_quiet():
    check_marked('''
        import asyncio

        class _Recorder:
            def __init__(self) -> None:
                self.seen: list = []

            def result(self, value) -> None:
                self.seen.append(value)

            def call(self, value):
                self.result(value)
                return value

        async def record(rec: _Recorder, value) -> None:
            rec.call(value)
            await asyncio.sleep(0)
    ''', BLOCKING)


def test_click_and_typer_prompts_wait_for_the_terminal():
    check_marked('''
        import asyncio
        import click
        import typer
        from click import confirm as ask
        from rich.prompt import Confirm

        async def purge(api, ids: list) -> None:
            if not click.confirm(f"delete {len(ids)}?"):  # ACK107
                return
            reason = typer.prompt("reason")  # ACK107
            await api.purge(ids, reason)

        async def reset(api) -> None:
            if ask("reset?") and Confirm.ask("really?"):  # ACK107 ACK107
                await api.reset()

        async def edit_config(text: str) -> str:
            return click.edit(text)  # ACK104
    ''', BLOCKING)


def test_prompts_off_the_loop_or_in_sync_commands_and_lookalike_methods_stay_quiet():
    check_marked('''
        import asyncio
        import click

        async def purge(api, ids: list) -> None:
            if await asyncio.to_thread(click.confirm, f"delete {len(ids)}?"):
                await api.purge(ids)

        @click.command()
        def purge_cmd() -> None:
            if click.confirm("delete all?"):
                click.echo("deleted")

        class Dialog:
            def confirm(self, text: str) -> bool:
                return text.endswith("?")

            def prompt(self, text: str) -> str:
                return text

        async def ask_dialog(dialog: Dialog) -> bool:
            dialog.prompt("name")
            return dialog.confirm("ok?")
    ''', BLOCKING)


def test_a_memo_that_keeps_the_coroutine_and_returns_it_unawaited():
    check_marked('''
        import functools
        from typing import Awaitable, Callable

        async def lookup(name: str) -> str:
            return name.upper()

        def remember(loader: Callable[[str], Awaitable[str]]):
            seen: dict = {}

            @functools.wraps(loader)
            async def cached(name: str):
                if name not in seen:
                    seen[name] = loader(name)  # ACK301
                return seen[name]

            return cached

        async def resolve(name: str, table: dict) -> str:
            table[name] = lookup(name)  # ACK301
            return table[name]
    ''', ["ACK301"])


def test_memos_of_results_tasks_or_handed_out_coroutines_stay_quiet():
    check_marked('''
        import asyncio
        from typing import Awaitable, Callable

        async def lookup(name: str) -> str:
            return name.upper()

        def remember(loader: Callable[[str], Awaitable[str]]):
            seen: dict = {}
            running: dict = {}

            async def by_result(name: str):
                if name not in seen:
                    seen[name] = await loader(name)
                return seen[name]

            async def by_task(name: str):
                if name not in running:
                    running[name] = asyncio.ensure_future(loader(name))
                return await running[name]

            async def awaited_in_place(name: str):
                seen[name] = loader(name)
                seen[name] = await seen[name]
                return seen[name]

            return by_result, by_task, awaited_in_place

        def pending(names: list, table: dict):
            # a sync factory hands the coroutines on: its caller awaits them
            for name in names:
                table[name] = lookup(name)
            return table[names[0]]

        async def collect(names: list, table: dict) -> None:
            for name in names:
                table[name] = lookup(name)
            await asyncio.gather(*table.values())
    ''', ["ACK301"])


def test_a_recursive_fan_out_that_spends_a_shared_budget_is_bounded():
    check_marked('''
        import asyncio
        import logging

        log = logging.getLogger(__name__)

        class TreeSync:
            def __init__(self, api, budget: int = 2000) -> None:
                self.api = api
                self.budget = budget
                self.done: set = set()
                self.running: set = set()

            async def sync_node(self, key: str) -> None:
                if len(self.done) >= self.budget:
                    return
                self.done.add(key)
                for child in await self.api.children(key):
                    t = asyncio.create_task(self.sync_node(child))
                    self.running.add(t)
                    t.add_done_callback(self.running.discard)

            async def sync_sliced(self, key: str) -> None:
                todo = [c for c in await self.api.children(key) if c not in self.done]
                todo = todo[: self.budget - len(self.done)]
                self.done.update(todo)
                async with asyncio.TaskGroup() as tg:
                    for child in todo:
                        tg.create_task(self.sync_sliced(child))

            async def sync_logged(self, key: str) -> None:
                self.done.add(key)
                if len(self.done) > self.budget:
                    log.warning("tree larger than expected")
                for child in await self.api.children(key):
                    t = asyncio.create_task(self.sync_logged(child))  # ACK502
                    self.running.add(t)
                    t.add_done_callback(self.running.discard)

            async def sync_wide(self, key: str) -> None:
                children = await self.api.children(key)
                if len(children) > self.budget:
                    return
                for child in children:
                    t = asyncio.create_task(self.sync_wide(child))  # ACK502
                    self.running.add(t)
                    t.add_done_callback(self.running.discard)
    ''', ["ACK502"])


def test_callbacks_a_thread_class_or_helper_is_handed_run_in_its_thread():
    check_marked('''
        import asyncio
        import threading
        import time

        class Pulse(threading.Thread):
            def __init__(self, on_tick, period: float = 1.0):
                super().__init__(daemon=True)
                self.on_tick = on_tick
                self.period = period

            def run(self) -> None:
                while True:
                    time.sleep(self.period)
                    self.on_tick()

        def pump(read_batch, emit) -> None:
            while True:
                for row in read_batch():
                    emit(row)

        def spawn_pump(read_batch, emit) -> threading.Thread:
            worker = threading.Thread(target=pump, args=(read_batch, emit), daemon=True)
            worker.start()
            return worker

        class Monitor:
            def __init__(self, source) -> None:
                self.source = source
                self.ticked = asyncio.Event()
                self.rows: asyncio.Queue = asyncio.Queue(100)

            def _tick(self) -> None:
                self.ticked.set()  # ACK401

            async def start(self) -> None:
                Pulse(self._tick).start()
                Pulse(self.ticked.set).start()  # ACK401
                spawn_pump(self.source.read_batch, self.rows.put_nowait)  # ACK401
    ''', ["ACK401", "ACK402"])


def test_callbacks_relayed_through_the_loop_or_to_a_sync_class_stay_quiet():
    check_marked('''
        import asyncio
        import functools
        import threading
        import time

        class Pulse(threading.Thread):
            def __init__(self, on_tick, period: float = 1.0):
                super().__init__(daemon=True)
                self.on_tick = on_tick
                self.period = period

            def run(self) -> None:
                while True:
                    time.sleep(self.period)
                    self.on_tick()

        class Recorder:
            # not a thread: it calls what it is given on the caller's own thread
            def __init__(self, on_row):
                self.on_row = on_row

            def feed(self, rows) -> None:
                for row in rows:
                    self.on_row(row)

        def pump(read_batch, emit) -> None:
            for row in read_batch():
                emit(row)

        def spawn_pump(read_batch, emit) -> threading.Thread:
            worker = threading.Thread(target=pump, args=(read_batch, emit), daemon=True)
            worker.start()
            return worker

        class Monitor:
            def __init__(self, source) -> None:
                self.source = source
                self.ticked = asyncio.Event()
                self.rows: asyncio.Queue = asyncio.Queue(100)

            async def start(self) -> None:
                loop = asyncio.get_running_loop()
                Pulse(functools.partial(loop.call_soon_threadsafe, self.ticked.set)).start()
                spawn_pump(self.source.read_batch, functools.partial(loop.call_soon_threadsafe, self.rows.put_nowait))
                Recorder(self.rows.put_nowait).feed(await self.source.fetch())
    ''', ["ACK401", "ACK402"])


def test_thread_helpers_of_another_module_call_back_what_they_are_handed(tmp_path):
    from .helpers import project_findings

    found = project_findings(tmp_path, {
        "kit/__init__.py": "",
        "kit/threads.py": """
            import threading
            import time

            class Pulse(threading.Thread):
                def __init__(self, on_tick, period: float = 1.0):
                    super().__init__(daemon=True)
                    self.on_tick = on_tick
                    self.period = period

                def run(self) -> None:
                    while True:
                        time.sleep(self.period)
                        self.on_tick()

            def pump(read_batch, emit) -> None:
                for row in read_batch():
                    emit(row)

            def spawn_pump(read_batch, emit) -> threading.Thread:
                worker = threading.Thread(target=pump, args=(read_batch, emit), daemon=True)
                worker.start()
                return worker

            def run_now(read_batch, emit) -> None:
                pump(read_batch, emit)
        """,
        "kit/monitor.py": """
            import asyncio
            import functools

            from .threads import Pulse, run_now, spawn_pump

            class Monitor:
                def __init__(self, source) -> None:
                    self.source = source
                    self.ticked = asyncio.Event()
                    self.rows: asyncio.Queue = asyncio.Queue(100)

                async def start(self) -> None:
                    loop = asyncio.get_running_loop()
                    Pulse(self.ticked.set).start()
                    spawn_pump(self.source.read_batch, self.rows.put_nowait)
                    spawn_pump(self.source.read_batch, functools.partial(loop.call_soon_threadsafe, self.rows.put_nowait))
                    run_now(self.source.read_batch, self.rows.put_nowait)
        """,
    }, ["ACK401"])
    assert found == {("kit/monitor.py", 14, "ACK401"), ("kit/monitor.py", 15, "ACK401")}
