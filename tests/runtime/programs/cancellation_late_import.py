"""ACK601 where `main()` of asyncio.run imports the module whose coroutine swallows the cancellation only once it
runs (cancellation_helper.py, marked there): when asyncio.run starts, no module of the program has an `except`
clause that may catch a CancelledError, so the main task is asyncio's own; its expired `asyncio.timeout()`
block ending without an exception is seen at the timeout itself (its expiry and its exit), whatever the task.
Look-alike: the helper's coroutine that cleans up and re-raises (the timeout then raises TimeoutError)."""
import asyncio


async def main():
    import cancellation_helper as helper

    state = helper.State()
    async with asyncio.timeout(0.02):
        await helper.poll_forever(state)
    print("stopped", state.stopped, state.flushed)


async def clean():
    import cancellation_helper as helper

    state = helper.State()
    try:
        async with asyncio.timeout(0.02):
            await helper.poll_and_reraise(state)
    except TimeoutError:
        print("timed out", state.flushed)


asyncio.run(main())
asyncio.run(clean())
