"""What rheld29's held-out suite (service-shaped programs) found: a logging handler of the program's that opens
its file in ``emit`` was reported at every coroutine line that logs (one mistake, as many sites, none of them the
line to change), not in the handler. A sync helper the coroutine calls itself, and a context manager of the
program's entered through contextlib, stay at the coroutine's line."""
import asyncio
import contextlib
import logging
import os
import time

import asynccheck


def _found(session, code):
    return sorted(f.line for f in session.findings if f.code == code and f.path == __file__)


def _line(text):
    return next(n for n, line in enumerate(open(__file__), 1) if text in line and "_line(" not in line)


class AppendFileHandler(logging.Handler):
    def __init__(self, path):
        super().__init__()
        self.path = path

    def emit(self, record):
        with open(self.path, "a") as fh:  # the handler's open
            fh.write(self.format(record) + "\n")


class SlowFilter(logging.Filter):
    def filter(self, record):
        time.sleep(0.001)  # the filter's sleep
        return True


def _logger(name, handler, *filters):
    log = logging.getLogger(name)
    log.propagate = False
    log.setLevel(logging.INFO)
    log.handlers[:] = [handler]
    log.filters[:] = list(filters)
    return log


def test_a_logging_handler_that_blocks_is_reported_in_the_handler(tmp_path):
    log = _logger("rheld29.handler", AppendFileHandler(str(tmp_path / "a.log")), SlowFilter())

    async def one(i):
        await asyncio.sleep(0)
        log.info("first %d", i)
        log.warning("second %d", i)

    async def main():
        await asyncio.gather(one(1), one(2))

    with asynccheck.watch() as session:
        asyncio.run(main())
    assert _found(session, "ACK103") == [_line("# the handler's open")]
    assert _found(session, "ACK101") == [_line("# the filter's sleep")]


def _append(path, text):
    with open(path, "a") as fh:
        fh.write(text)


@contextlib.contextmanager
def _opened(path):
    with open(path, "a") as fh:
        yield fh


def test_a_helper_and_a_context_manager_stay_at_the_coroutines_line(tmp_path):
    # (contextlib's frames stand between the coroutine and the generator that opens: no dispatcher of callbacks)
    async def main():
        await asyncio.sleep(0)
        _append(os.path.join(str(tmp_path), "c.txt"), "x")  # the coroutine's helper call
        with _opened(os.path.join(str(tmp_path), "d.txt")) as fh:  # the coroutine's with
            fh.write("y")

    with asynccheck.watch() as session:
        asyncio.run(main())
    assert _found(session, "ACK103") == sorted([_line("# the coroutine's helper call"),
                                                _line("# the coroutine's with")])
