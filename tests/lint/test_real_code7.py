"""False-alarm shapes found by linting more real asyncio code (python-kasa, asyncua, disnake, agno, ...): each
look-alike must stay clean, beside the close case it must still flag."""
from tests.lint.helpers import check_marked


def test_library_decorator_that_runs_the_coroutine_makes_a_plain_callable():
    # python-kasa's command line is an `async def cli` under asyncclick's `@click.group(...)`: the group object
    # runs the loop itself when called, so `cli()` in `__main__` is the whole program, not a lost coroutine.
    # asgiref's `async_to_sync` does the same. click's own group calls the callback and drops its coroutine,
    # and an unknown library decorator is taken to keep the function a coroutine function: both still flag.
    check_marked(
        """
        import asyncclick as click
        import click as syncclick
        from asgiref.sync import async_to_sync
        import somelib


        @click.group(invoke_without_command=True)
        @click.pass_context
        async def cli(ctx):
            pass


        @click.command
        async def tool():
            pass


        @async_to_sync
        async def fetch():
            pass


        @syncclick.command()
        async def broken():
            pass


        @somelib.traced
        async def traced():
            pass


        def main():
            cli()
            tool()
            fetch()
            broken()  # ACK301
            traced()  # ACK301
        """,
        ["ACK301", "ACK301"],
    )


def test_cancel_scheduled_on_the_loop_then_awaited_is_the_cancel_idiom():
    # blacksheep starts a task, schedules its cancellation with `loop.call_soon(task.cancel)` and awaits it,
    # catching that task's own cancellation: as with `task.cancel(); await task`. Handing another task's
    # cancel to the loop, or some other method of this task, is not it: those still flag. (Private helpers:
    # their callers are all here, so the swallowed cancellation is reported.)
    check_marked(
        """
        import asyncio


        async def _call_soon(coro):
            task = asyncio.create_task(coro)
            asyncio.get_event_loop().call_soon(task.cancel)
            try:
                return await task
            except asyncio.CancelledError:
                return None


        async def _call_later(coro, loop):
            task = asyncio.create_task(coro)
            loop.call_later(5, task.cancel)
            try:
                await task
            except asyncio.CancelledError:
                pass


        async def _other_task(coro, other):
            task = asyncio.create_task(coro)
            asyncio.get_event_loop().call_soon(other.cancel)
            try:
                return await task
            except asyncio.CancelledError:  # ACK601
                return None


        async def _not_a_cancel(coro):
            task = asyncio.create_task(coro)
            asyncio.get_event_loop().call_soon(task.done)
            try:
                return await task
            except asyncio.CancelledError:  # ACK601
                return None
        """,
        ["ACK601", "ACK601"],
    )


def test_suppress_inside_a_handler_that_reraises_the_cancel_defers_it():
    # agno's job queue, cancelled at shutdown, records the interruption in its `except CancelledError:`
    # under `contextlib.suppress(Exception, asyncio.CancelledError)` around a shielded await, awaits more
    # clean-up, then `raise`s:
    # a second cancel during the cleanup is absorbed, the first one still ends the task, as with the
    # `try`/`except` spelling. The same suppress in a handler that does not re-raise still flags.
    check_marked(
        """
        import asyncio
        import contextlib


        async def _drain(job, persist):
            try:
                await job()
            except asyncio.CancelledError:
                with contextlib.suppress(Exception, asyncio.CancelledError):
                    await asyncio.shield(persist())
                await asyncio.shield(persist())
                raise


        async def _drain_and_stop(job, persist):
            try:
                await job()
            except asyncio.CancelledError:  # ACK601
                with contextlib.suppress(Exception, asyncio.CancelledError):  # ACK601
                    await asyncio.shield(persist())
                await asyncio.shield(persist())
                return None


        async def _work(job, persist):
            with contextlib.suppress(asyncio.CancelledError):  # ACK601
                await job()
            await persist()
        """,
        ["ACK601"],
    )
