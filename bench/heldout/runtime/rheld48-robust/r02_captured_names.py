"""A retry helper captures its blocking functions at import, before the loop starts, and uses them from threads."""
import asyncio
import socket
import subprocess
import sys
import time
from functools import partial
from socket import socketpair
from subprocess import run as run_process
from time import monotonic, sleep

SLEEPERS = {"time.sleep": sleep, "partial": partial(sleep, 0.001)}
DEFAULTS = (sleep, run_process, socketpair)


def backoff(attempt, pause=sleep):
    pause(0.001 * attempt)
    return attempt


class Retry:
    sleep = sleep  # a builtin kept as a class attribute does not bind

    def wait(self, seconds):
        self.sleep(seconds)
        return "waited"


def pair_roundtrip(make=socketpair):
    a, b = make()
    with a, b:
        a.sendall(b"ping")
        return b.recv(4)


async def main():
    print(sleep is time.sleep, run_process is subprocess.run, socketpair is socket.socketpair)
    print(DEFAULTS[0] is time.sleep, backoff.__defaults__[0] is time.sleep, Retry.sleep is time.sleep)
    print(await asyncio.to_thread(backoff, 2), await asyncio.to_thread(Retry().wait, 0.001))
    print(await asyncio.to_thread(SLEEPERS["partial"]), await asyncio.to_thread(pair_roundtrip))
    done = await asyncio.to_thread(run_process, [sys.executable, "-c", "print(6*7)"], capture_output=True, text=True)
    print(done.returncode, done.stdout.strip(), type(done).__name__)
    loop = asyncio.get_running_loop()
    print(await loop.run_in_executor(None, sleep, 0), await loop.run_in_executor(None, partial(backoff, 3, sleep)))
    start = monotonic()
    await asyncio.sleep(0.01)
    print(monotonic() - start >= 0.005)


print(backoff(1), Retry().wait(0), pair_roundtrip())
asyncio.run(main())
print(sleep is time.sleep, Retry.sleep is time.sleep, SLEEPERS["partial"].func is time.sleep)
