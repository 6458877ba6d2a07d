"""ACK601 where `main()` of asyncio.run awaits a coroutine of another of the program's modules that swallows the
cancellation (cancellation_helper.py, marked there): this file has no `except` clause that may catch one, yet
the main task is made of the program's kind, since a module of the program imported by then has one.
Look-alike: the helper's coroutine that cleans up and re-raises (the timeout then raises TimeoutError)."""
import asyncio

import cancellation_helper as helper


async def main():
    state = helper.State()
    async with asyncio.timeout(0.02):
        await helper.poll_forever(state)
    print("stopped", state.stopped, state.flushed)


async def clean():
    state = helper.State()
    try:
        async with asyncio.timeout(0.02):
            await helper.poll_and_reraise(state)
    except TimeoutError:
        print("timed out", state.flushed)


asyncio.run(main())
asyncio.run(clean())
