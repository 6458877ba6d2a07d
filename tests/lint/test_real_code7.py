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
