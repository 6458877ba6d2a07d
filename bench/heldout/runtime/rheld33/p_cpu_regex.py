"""A request validator whose regular expression backtracks on a hostile input."""
import asyncio
import re
import time

EMAIL = re.compile(r"^([a-zA-Z0-9]+)*@example\.com$")


def calibrate():
    n = 14
    while True:
        start = time.thread_time()
        EMAIL.match("a" * n + "!")
        if time.thread_time() - start > 0.02:
            return n
        n += 1


async def validate(value):
    await asyncio.sleep(0)
    return EMAIL.match(value) is not None  # PLANT ACK120


async def main():
    n = calibrate() + 4
    print("valid", await validate("a" * n + "!"))


asyncio.run(main())
