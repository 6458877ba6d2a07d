"""The coroutines cancellation_modules.py's main tasks await (a module of the program that is not the main one)."""
import asyncio


class State:
    def __init__(self):
        self.polls = 0
        self.stopped = False
        self.flushed = False


async def flush(state):
    await asyncio.sleep(0.001)
    state.flushed = True


async def poll_forever(state):
    while not state.stopped:
        try:
            await asyncio.sleep(0.005)
            state.polls += 1
        except asyncio.CancelledError:  # ACK601
            state.stopped = True
    await flush(state)


async def poll_and_reraise(state):
    while True:
        try:
            await asyncio.sleep(0.005)
            state.polls += 1
        except asyncio.CancelledError:
            await asyncio.shield(flush(state))
            raise
