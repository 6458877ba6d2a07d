"""A service's logging set-up as it finds it and leaves it: the loggers that exist, the root's and asyncio's
handlers and levels, the handler list, `basicConfig` taking effect, and the call sites (function, line, file,
thread, task) of records logged from a coroutine, a callback, a timer and a worker thread."""
import asyncio
import io
import logging
import os
import sys

stream = io.StringIO()


def state(tag):
    root = logging.getLogger()
    aio = logging.getLogger("asyncio")
    print(tag, sorted(logging.Logger.manager.loggerDict), [type(h).__name__ for h in root.handlers],
          logging.getLevelName(root.level), aio.handlers, aio.level, aio.propagate, aio.disabled,
          len(logging._handlerList), logging.getLoggerClass().__name__, logging.getLogRecordFactory().__name__,
          logging.raiseExceptions, logging.root.manager.disable)


log = logging.getLogger("svc")


def from_callback():
    log.info("callback")


async def handler():
    log.info("coroutine")
    log.info("coroutine up one", stacklevel=2)
    loop = asyncio.get_running_loop()
    loop.call_soon(from_callback)
    loop.call_later(0.001, log.info, "timer")
    await asyncio.sleep(0.01)
    await asyncio.to_thread(log.info, "to_thread")


state("start")
logging.basicConfig(level=logging.INFO, stream=stream,
                    format="%(message)s|%(funcName)s|%(lineno)d|%(filename)s|%(module)s|%(threadName)s|%(processName)s")
asyncio.run(handler())
state("end")
for line in stream.getvalue().splitlines():
    print(" ", line.replace("asyncio_0", "asyncio_N"))
