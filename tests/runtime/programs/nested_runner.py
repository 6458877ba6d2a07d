"""asyncio.Runner (3.11+) refuses a running loop in its own run(), before run_until_complete: a CLI whose sync
helper reuses the program's Runner from inside a coroutine. Look-alikes: a Runner's sequential runs, and a Runner
made and run in a worker thread, which runs no loop."""
import asyncio


async def fetch():
    await asyncio.sleep(0)
    return 2


class Cli:
    def __init__(self, runner):
        self.runner = runner

    def config(self):
        try:
            return self.runner.run(fetch())  # (once, at the coroutine's call: not also ACK301 for fetch())
        except RuntimeError:
            return 0


def fresh_run():
    with asyncio.Runner() as runner:
        return runner.run(fetch())


def fresh_asyncio_run():
    try:
        return asyncio.run(fetch())
    except RuntimeError:
        return 0


async def command(cli):
    value = cli.config()  # ACK108
    try:
        fresh_run()  # ACK108
    except RuntimeError:
        value += 10
    value += fresh_asyncio_run()  # ACK108: once (from 3.12 asyncio.run() is a Runner's run())
    value += await asyncio.to_thread(fresh_run)
    return value


with asyncio.Runner() as main_runner:
    main_runner.run(asyncio.sleep(0))
    print(main_runner.run(command(Cli(main_runner))))
