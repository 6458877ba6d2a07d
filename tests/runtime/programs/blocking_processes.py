"""Waiting for child processes and signals on the loop's thread, beyond subprocess: os.popen, os.spawn* with
P_WAIT, os.waitpid without WNOHANG, signal waits (multiprocessing's join, which waits in os.waitpid, is ACK106
as the linter reports it: one finding). Look-alikes: polls (WNOHANG, P_NOWAIT, Popen.poll, a zero timeout) and
subprocess's own reaping of a process already waited for."""
import asyncio
import multiprocessing
import os
import signal
import subprocess


def child():
    pass


async def main():
    print(os.popen("echo piped").read().strip())  # ACK104
    os.spawnlp(os.P_WAIT, "true", "true")  # ACK104
    worker = multiprocessing.get_context("spawn").Process(target=child)
    worker.start()
    worker.join()  # ACK106: the linter's code for Process.join, not the os.waitpid inside it
    signal.sigtimedwait([signal.SIGUSR2], 0.001)  # ACK106
    with subprocess.Popen(["true"], stdout=subprocess.PIPE) as proc:
        proc.communicate()  # ACK104: (the with block's exit reaps it: nothing more to wait for)
    started = os.spawnlp(os.P_NOWAIT, "true", "true")
    while os.waitpid(started, os.WNOHANG) == (0, 0):
        await asyncio.sleep(0.001)
    polled = subprocess.Popen(["true"])
    while polled.poll() is None:
        await asyncio.sleep(0.001)
    signal.sigtimedwait([signal.SIGUSR2], 0)
    await asyncio.to_thread(os.spawnlp, os.P_WAIT, "true", "true")
    print("processes", worker.exitcode, polled.returncode)


if __name__ == "__main__":
    asyncio.run(main())
