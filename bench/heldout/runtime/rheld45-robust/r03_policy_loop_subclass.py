"""A custom event loop policy whose loops are a SelectorEventLoop subclass counting call_soon."""
import asyncio


class CountingLoop(asyncio.SelectorEventLoop):
    soon = 0

    def call_soon(self, callback, *args, context=None):
        CountingLoop.soon += 1
        return super().call_soon(callback, *args, context=context)


class Policy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self):
        return CountingLoop()


asyncio.set_event_loop_policy(Policy())


async def main():
    await asyncio.sleep(0)
    await asyncio.gather(*(asyncio.sleep(0.001) for _ in range(5)))
    return type(asyncio.get_running_loop()).__name__, isinstance(asyncio.get_running_loop(), asyncio.BaseEventLoop)


print(asyncio.run(main()), CountingLoop.soon > 0)
asyncio.set_event_loop_policy(None)
