"""The loop's settings as the program finds them: slow_callback_duration, debug, the policy's class, the loop's
class and module, the default executor, exception handler and task factory, in asyncio.run and a new loop."""
import asyncio


def describe(loop):
    return (round(loop.slow_callback_duration, 3), loop.get_debug(), type(loop).__name__,
            type(loop).__module__.split(".")[0], loop.get_exception_handler(), loop.get_task_factory(),
            loop._default_executor)


async def main():
    loop = asyncio.get_running_loop()
    print("run", describe(loop))
    policy = asyncio.get_event_loop_policy()
    print("policy", type(policy).__name__, type(policy).__module__.split(".")[0])
    await asyncio.to_thread(lambda: None)
    print("executor", type(loop._default_executor).__name__, loop._default_executor._max_workers > 0)
    loop.slow_callback_duration = 0.3
    print("set", loop.slow_callback_duration)


asyncio.run(main())
spare = asyncio.new_event_loop()
print("new", describe(spare))
spare.close()
print("policy after", type(asyncio.get_event_loop_policy()).__name__)
