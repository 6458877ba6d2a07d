"""Shapes found missing (or crashing) on a sixth held-out set of realistic cases (SDK wrappers, ORMs, bots,
backup agents, IoT bridges): each flagged shape beside the look-alikes of the same shape that must stay quiet."""
from __future__ import annotations

from asynccheck.lint import lint_source

from .helpers import ALL, check_marked

BLOCKING = ["ACK101", "ACK102", "ACK103", "ACK104", "ACK105", "ACK106", "ACK107", "ACK108"]


def test_a_partial_with_bound_keywords_called_with_positionals_is_linted_not_crashed():
    # the call the partial makes is rebuilt positionals-first: `run(capture_output=True, argv)` is no node
    source = '''
import asyncio
import functools
import subprocess

async def capture(argv):
    run = functools.partial(subprocess.run, capture_output=True, text=True)
    return run(argv).stdout  # ACK104

async def capture_offloaded(argv):
    run = functools.partial(subprocess.run, argv, capture_output=True, text=True)
    return (await asyncio.to_thread(run)).stdout

async def capture_kwargs(argv, extra):
    run = functools.partial(subprocess.run, text=True, **extra)
    return run(argv, check=True).stdout  # ACK104
'''
    assert not lint_source(source, "example.py", ALL).errors
    check_marked(source, BLOCKING)


def test_except_anyio_get_cancelled_exc_class_catches_cancellation():
    check_marked('''
        import anyio
        import asyncio
        import logging

        log = logging.getLogger()
        Cancelled = anyio.get_cancelled_exc_class()

        async def called_in_the_handler(op):
            try:
                await op()
            except anyio.get_cancelled_exc_class():  # ACK601
                log.info("cancelled")
            return "done"

        async def bound_once_at_module_level(op):
            try:
                await op()
            except Cancelled:  # ACK601
                log.info("cancelled")
            await asyncio.sleep(0)

        async def re_raised(op):
            try:
                await op()
            except anyio.get_cancelled_exc_class():
                log.info("cancelled")
                raise
            return "done"

        async def another_call_in_the_handler(op, errors):
            try:
                await op()
            except errors.retryable():
                log.info("retrying")
            return "done"
    ''', ["ACK601", "ACK602"])


def test_a_local_task_whose_only_use_is_a_done_callback_is_dropped():
    # (whatever the callback does: see test_heldout5_shapes' chained form) kept, or returned, it is not
    check_marked('''
        import asyncio
        import logging

        log = logging.getLogger()
        _TASKS = set()

        async def start_pinger(ws):
            task = asyncio.create_task(ws.heartbeat())  # ACK302
            task.add_done_callback(lambda _: log.info("pinger done"))

        async def start_pinger_looked_at(ws):
            task = asyncio.create_task(ws.heartbeat())  # ACK302
            task.add_done_callback(lambda t: t.cancelled() or t.exception())

        async def start_pinger_named_callback(ws, on_done):
            task = asyncio.create_task(ws.heartbeat())  # ACK302
            task.add_done_callback(on_done)

        async def start_pinger_kept(ws):
            task = asyncio.create_task(ws.heartbeat())
            task.add_done_callback(lambda _: log.info("pinger done"))
            _TASKS.add(task)

        async def start_pinger_returned(ws):
            task = asyncio.create_task(ws.heartbeat())
            task.add_done_callback(lambda _: log.info("pinger done"))
            return task
    ''', ["ACK302"])


def test_a_logging_file_handler_opens_its_file_when_made_unless_delayed():
    check_marked('''
        import asyncio
        import logging
        import logging.handlers
        from logging.handlers import RotatingFileHandler

        async def attach(path):
            logging.getLogger().addHandler(logging.FileHandler(path))  # ACK103

        async def rotating(path):
            return RotatingFileHandler(path, maxBytes=1 << 20, backupCount=3)  # ACK103

        async def delayed(path):
            return logging.FileHandler(path, delay=True)

        async def delayed_positionally(path):
            return logging.handlers.TimedRotatingFileHandler(path, "midnight", 1, 7, None, True)

        async def stream_only():
            return logging.StreamHandler()

        async def offloaded(path):
            return await asyncio.to_thread(logging.FileHandler, path)

        def at_start_up(path):
            logging.getLogger().addHandler(logging.FileHandler(path))
    ''', BLOCKING)


def test_a_dropped_call_of_a_project_helper_that_returns_the_task_it_starts():
    check_marked('''
        import asyncio

        _TASKS = set()

        def spawn(coro):
            return asyncio.create_task(coro)

        def spawn_kept(coro):
            task = asyncio.create_task(coro)
            _TASKS.add(task)
            task.add_done_callback(_TASKS.discard)
            return task

        def spawn_maybe(coro, enabled):
            if enabled:
                return asyncio.create_task(coro)
            return None

        def gather_later(*coros):
            return asyncio.gather(*coros)

        class Client:
            def __init__(self):
                self.loop = asyncio.get_running_loop()

            def start(self, coro):
                return self.loop.create_task(coro)

            async def ping(self):
                await asyncio.sleep(0)

            async def kick(self):
                self.start(self.ping())  # ACK302

            async def kick_kept(self):
                self.pinger = self.start(self.ping())

        async def main(ws):
            spawn(ws.ping())  # ACK302
            spawn_kept(ws.ping())
            spawn_maybe(ws.ping(), True)
            task = spawn(ws.ping())
            await task
            await spawn(ws.ping())
    ''', ["ACK302"])


def test_an_awaitable_callable_taken_from_a_typed_mapping_or_sequence_parameter_must_be_awaited():
    check_marked('''
        from typing import Awaitable, Callable

        async def dispatch(handlers: dict[str, Callable[[dict], Awaitable[None]]], update: dict):
            handlers[update["type"]](update)  # ACK301

        async def dispatch_got(handlers: dict[str, Callable[[dict], Awaitable[None]]], update: dict):
            handler = handlers.get(update["type"])
            if handler is not None:
                handler(update)  # ACK301

        async def first(handlers: list[Callable[[dict], Awaitable[None]]], update: dict):
            handlers[0](update)  # ACK301

        async def dispatch_awaited(handlers: dict[str, Callable[[dict], Awaitable[None]]], update: dict):
            await handlers[update["type"]](update)

        async def dispatch_sync(handlers: dict[str, Callable[[dict], None]], update: dict):
            handlers[update["type"]](update)

        async def dispatch_gathered(handlers: dict[str, Callable[[dict], Awaitable[None]]], update: dict):
            import asyncio
            await asyncio.gather(*(h(update) for h in handlers.values()))
    ''', ["ACK301"])


def test_a_dropped_call_of_a_partial_of_a_coroutine_function():
    check_marked('''
        import asyncio
        import functools

        async def reply(chat, text):
            await asyncio.sleep(0)

        def log_reply(chat, text):
            print(chat, text)

        async def greet(chat):
            say = functools.partial(reply, chat)
            say("hello")  # ACK301

        async def greet_inline(chat):
            functools.partial(reply, chat)("hello")  # ACK301

        async def greet_awaited(chat):
            say = functools.partial(reply, chat)
            await say("hello")

        async def greet_sync(chat):
            say = functools.partial(log_reply, chat)
            say("hello")

        async def greet_scheduled(chat, tasks):
            say = functools.partial(reply, chat)
            tasks.add(asyncio.create_task(say("hello")))
    ''', ["ACK301"])


def test_a_coroutine_function_kept_as_a_staticmethod_class_attribute_must_be_awaited():
    check_marked('''
        async def reply(chat: int, text: str) -> None: ...

        def log(chat: int, text: str) -> None: ...

        class Router:
            on_message = staticmethod(reply)
            on_log = staticmethod(log)

            async def route(self, chat: int, text: str) -> None:
                self.on_message(chat, text)  # ACK301
                self.on_log(chat, text)
                await self.on_message(chat, text)
    ''', ["ACK301"])


def test_a_concurrent_futures_done_callback_runs_on_the_thread_that_completes_it():
    check_marked('''
        import asyncio
        import concurrent.futures

        async def wait_for_cf(fut: concurrent.futures.Future, done: asyncio.Event) -> None:
            fut.add_done_callback(lambda _: done.set())  # ACK401
            await done.wait()

        async def wait_for_job(pool: concurrent.futures.ThreadPoolExecutor, done: asyncio.Event, loop) -> None:
            job = pool.submit(print, 1)
            job.add_done_callback(lambda _: loop.call_soon_threadsafe(done.set))
            await done.wait()

        async def wait_for_task(task: asyncio.Task, done: asyncio.Event) -> None:
            task.add_done_callback(lambda _: done.set())  # an asyncio task's callbacks run on the loop
            await done.wait()
    ''', ["ACK401", "ACK402"])


def test_a_local_task_of_a_sync_function_that_runs_the_loop_is_held_while_the_loop_runs():
    # the frame holds its locals until the function returns, and this one returns only when the loop stops
    check_marked('''
        import asyncio

        async def serve():
            await asyncio.sleep(3600)

        def report(task):
            print(task)

        def main():
            loop = asyncio.new_event_loop()
            task = loop.create_task(serve())
            task.add_done_callback(report)
            loop.run_forever()

        def main_unread():
            loop = asyncio.new_event_loop()
            task = loop.create_task(serve())
            loop.run_until_complete(asyncio.sleep(1))

        def start(loop: asyncio.AbstractEventLoop):
            task = loop.create_task(serve())  # ACK302
            task.add_done_callback(report)

        async def spawn():
            task = asyncio.create_task(serve())  # ACK302
            task.add_done_callback(report)
    ''', ["ACK302"])
