"""A CLI handles Ctrl-C: the first SIGINT cancels the running command (asyncio.run's handler), the program
reports it and runs a second command; a handler of its own takes the next one."""
import asyncio
import signal
import sys


async def long_command(log):
    try:
        signal.raise_signal(signal.SIGINT)
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        log.append("command cancelled")
        raise
    finally:
        log.append("command cleanup")


async def second_command(log):
    loop = asyncio.get_running_loop()
    got = loop.create_future()
    loop.add_signal_handler(signal.SIGINT, got.set_result, "own handler")
    signal.raise_signal(signal.SIGINT)
    log.append(await asyncio.wait_for(got, 2))
    loop.remove_signal_handler(signal.SIGINT)
    return "second ok"


log = []
print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)
try:
    asyncio.run(long_command(log))
except KeyboardInterrupt as exc:
    print("KeyboardInterrupt", repr(exc), log)
print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)
print(asyncio.run(second_command(log)), log)
try:
    signal.raise_signal(signal.SIGINT)
    print("not reached")
except KeyboardInterrupt:
    print("plain KeyboardInterrupt")
sys.exit(130)
