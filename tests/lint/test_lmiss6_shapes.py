"""Shapes held-out sets missed (lmiss6): a request queue whose items are parts unpacked from the caller's
argument."""
from __future__ import annotations

from .helpers import check_marked


# -- 1. ACK501: a request unpacked from the handler's argument, each caller waiting on its own future ---------------
def test_request_queue_filled_with_parts_unpacked_from_the_argument_is_unbounded() -> None:
    check_marked('''
        import asyncio

        class Thumbnailer:
            def __init__(self, make) -> None:
                self.make = make
                self.pending: asyncio.Queue = asyncio.Queue()  # ACK501

            async def serve(self, query: dict) -> bytes:
                width, height = (int(query[key]) for key in ("w", "h"))
                reply = asyncio.get_running_loop().create_future()
                self.pending.put_nowait((width, height, reply))
                return await reply

            async def worker(self) -> None:
                while True:
                    width, height, reply = await self.pending.get()
                    reply.set_result(await self.make(width, height))
    ''', ["ACK501"])


def test_unpacked_parts_of_something_else_or_a_caller_taking_a_slot_stay_quiet() -> None:
    check_marked('''
        import asyncio

        SIZES = {"small": (64, 64)}

        class FixedThumbnailer:
            def __init__(self, make) -> None:
                self.make = make
                self.pending: asyncio.Queue = asyncio.Queue()

            async def serve(self) -> bytes:
                width, height = SIZES["small"]
                reply = asyncio.get_running_loop().create_future()
                self.pending.put_nowait((width, height, reply))
                return await reply

            async def worker(self) -> None:
                while True:
                    width, height, reply = await self.pending.get()
                    reply.set_result(await self.make(width, height))

        class SlottedThumbnailer:
            def __init__(self, make) -> None:
                self.make = make
                self.slots = asyncio.Semaphore(8)
                self.pending: asyncio.Queue = asyncio.Queue()

            async def serve(self, query: dict) -> bytes:
                width, height = (int(query[key]) for key in ("w", "h"))
                async with self.slots:
                    reply = asyncio.get_running_loop().create_future()
                    self.pending.put_nowait((width, height, reply))
                    return await reply

            async def worker(self) -> None:
                while True:
                    width, height, reply = await self.pending.get()
                    reply.set_result(await self.make(width, height))
    ''', ["ACK501"])


# -- 2. ACK103: an openpyxl workbook written to (or loaded from) a file ------------------------------------------
def test_openpyxl_workbook_saved_to_a_path_or_loaded_from_one_blocks() -> None:
    check_marked('''
        import openpyxl
        from openpyxl import Workbook, load_workbook

        async def write_ledger(entries, target):
            book = openpyxl.Workbook()
            sheet = book.active
            for entry in entries:
                sheet.append(list(entry))
            book.save(target)  # ACK103

        async def stamp(source):
            ledger = load_workbook(source)  # ACK103
            ledger.active["A1"] = "checked"
            ledger.save(source)  # ACK103

        async def blank(target):
            Workbook(write_only=True).save(target)  # ACK103
    ''', ["ACK103"])


def test_workbook_saved_to_memory_or_in_a_thread_and_a_project_save_stay_quiet() -> None:
    check_marked('''
        import asyncio
        import io
        from openpyxl import Workbook

        class Spreadsheet:
            def save(self, target) -> None: ...

        async def to_bytes(entries) -> bytes:
            book = Workbook()
            for entry in entries:
                book.active.append(list(entry))
            out = io.BytesIO()
            book.save(out)
            return out.getvalue()

        async def in_thread(target) -> None:
            book = Workbook()
            await asyncio.to_thread(book.save, target)

        async def own(target) -> None:
            Spreadsheet().save(target)

        def offline(target) -> None:
            Workbook().save(target)
    ''', ["ACK103"])


# -- 3. ACK301: a coroutine handed to this module's function through a parameter declared a plain result ---------
def test_coroutine_bound_then_passed_where_a_str_or_container_is_declared_is_never_awaited() -> None:
    check_marked('''
        import asyncio
        from typing import Optional

        async def post_message(channel: str, text: str, extra: Optional[dict] = None) -> None:
            await asyncio.sleep(0)

        class Greeter:
            def __init__(self, store) -> None:
                self._store = store

            async def _compose(self, who: str) -> str:
                return await self._store.template(who)

            async def greet(self, channel: str, who: str) -> None:
                text = self._compose(who)  # ACK301
                await post_message(channel, text)

            async def greet_by_keyword(self, channel: str, who: str) -> None:
                text = self._compose(who)  # ACK301
                await post_message(channel, text=text)

            async def greet_here(self, who: str) -> None:
                text = self._compose(who)  # ACK301
                await self.deliver(text)

            async def deliver(self, text: bytes | None) -> None:
                await asyncio.sleep(0)

            async def tags(self, who: str) -> None:
                found = self._compose(who)  # ACK301
                await post_message("tags", "x", extra=found)
    ''', ["ACK301"])


def test_coroutine_passed_where_an_awaitable_or_anything_may_go_stays_quiet() -> None:
    check_marked('''
        import asyncio
        import functools
        from typing import Awaitable

        async def relay(channel, pending) -> None:
            await pending

        async def relay_typed(channel: str, pending: Awaitable[str]) -> None:
            await pending

        def retried(fn):
            @functools.wraps(fn)
            async def wrapper(*args):
                return await fn(*args)
            return wrapper

        @retried
        async def relay_wrapped(channel: str, text: str) -> None:
            await asyncio.sleep(0)

        class str:  # a project class named like the builtin
            pass

        async def relay_own(channel, text: str) -> None:
            await text

        async def compose(who):
            return who

        async def main(who) -> None:
            first = compose(who)
            await relay("a", first)
            second = compose(who)
            await relay_typed("b", second)
            third = compose(who)
            await relay_wrapped("c", third)
            fourth = compose(who)
            await relay_own("d", fourth)
            fifth = compose(who)
            await relay(*["e", fifth])
    ''', ["ACK301"])


# -- 4. ACK104: python-on-whales' docker client and plumbum's commands run the program and wait for it ------------
def test_docker_cli_client_and_plumbum_commands_block_the_loop() -> None:
    check_marked('''
        from plumbum import local
        from plumbum.cmd import make
        from python_on_whales import DockerClient, docker

        async def redeploy(files: list) -> None:
            docker.compose.pull()  # ACK104
            docker.image.prune(all=True)  # ACK104
            engine = DockerClient(compose_files=files)
            engine.compose.up(detach=True)  # ACK104
            engine.ps()  # ACK104

        async def version() -> str:
            hg = local["hg"]
            hg("pull")  # ACK104
            make("-j4")  # ACK104
            local.cmd.ls("-la")  # ACK104
            return hg.run(["id"])[1]  # ACK104
    ''', ["ACK104"])


def test_docker_and_plumbum_in_threads_builders_and_look_alikes_stay_quiet() -> None:
    check_marked('''
        import asyncio
        from plumbum import local
        from python_on_whales import docker

        class Fleet:
            def __init__(self) -> None:
                self.compose = self

            def up(self) -> None: ...

        async def redeploy(fleet: Fleet) -> None:
            await asyncio.to_thread(docker.compose.up, detach=True)
            fleet.compose.up()
            config = docker.client_config
            tool = local["hg"]["pull"]
            line = tool.formulate()
            await asyncio.to_thread(tool)
            here = local.path("/srv")

        def offline() -> str:
            docker.compose.build()
            return local["hg"]("id")
    ''', ["ACK104"])


# -- 5. ACK301: a field declared `Callable[..., Awaitable[T]]` of another object, awaited elsewhere, dropped here ---
def test_awaitable_field_awaited_in_the_base_class_and_dropped_in_a_subclass() -> None:
    check_marked('''
        import asyncio
        from dataclasses import dataclass, field
        from typing import Awaitable, Callable

        @dataclass
        class Rollback:
            label: str
            revert: Callable[[], Awaitable[None]]

        @dataclass
        class Migration:
            applied: list[Rollback] = field(default_factory=list)

            async def unwind(self) -> None:
                for rollback in reversed(self.applied):
                    await rollback.revert()

        class QuickMigration(Migration):
            async def unwind(self) -> None:
                for rollback in reversed(self.applied):
                    rollback.revert()  # ACK301

        async def unwind_one(rollback: Rollback) -> None:
            rollback.revert()  # ACK301
    ''', ["ACK301"])


def test_awaitable_field_never_awaited_here_or_of_another_class_or_gathered_stays_quiet() -> None:
    check_marked('''
        import asyncio
        from dataclasses import dataclass, field
        from typing import Awaitable, Callable

        @dataclass
        class Rollback:
            revert: Callable[[], Awaitable[None]]

        @dataclass
        class Hook:
            revert: Callable[[], Awaitable[None]]

        @dataclass
        class SyncRollback:
            revert: Callable[[], None]

        async def by_hook(hook: Hook) -> None:
            await hook.revert()

        async def unwind(rollbacks: list[Rollback], plain: list[SyncRollback]) -> None:
            for rollback in rollbacks:
                rollback.revert()  # (never awaited in this module: a loose declaration, left alone)
            for step in plain:
                step.revert()

        async def unwind_all(hooks: list[Hook]) -> None:
            await asyncio.gather(*(hook.revert() for hook in hooks))
            pending = [hook.revert() for hook in hooks]
            await asyncio.gather(*pending)
    ''', ["ACK301"])
