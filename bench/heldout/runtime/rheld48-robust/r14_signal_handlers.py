"""A server installs its signal handlers on the loop, reloads on SIGHUP/SIGUSR1 and shuts down on SIGTERM."""
import asyncio
import os
import signal
import threading


class Server:
    def __init__(self):
        self.events = []
        self.stop = asyncio.Event()

    def on_signal(self, name):
        self.events.append(name)
        if name == "SIGTERM":
            self.stop.set()


def plain_handler(signum, frame):
    PLAIN.append(signal.Signals(signum).name)


PLAIN = []


async def main():
    loop = asyncio.get_running_loop()
    srv = Server()
    print(signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGHUP), type(signal.getsignal(signal.SIGINT)).__name__)
    for sig in (signal.SIGHUP, signal.SIGUSR1, signal.SIGTERM):
        loop.add_signal_handler(sig, srv.on_signal, sig.name)
    print(type(signal.getsignal(signal.SIGTERM)).__name__, signal.getsignal(signal.SIGTERM) is signal.getsignal(signal.SIGHUP))
    old = signal.signal(signal.SIGUSR2, plain_handler)
    print(old)
    os.kill(os.getpid(), signal.SIGHUP)
    await asyncio.sleep(0.01)
    await asyncio.to_thread(os.kill, os.getpid(), signal.SIGUSR1)
    await asyncio.sleep(0.01)
    signal.raise_signal(signal.SIGUSR2)
    await asyncio.sleep(0.01)
    threading.Timer(0.02, os.kill, (os.getpid(), signal.SIGTERM)).start()
    await asyncio.wait_for(srv.stop.wait(), 5)
    print(srv.events, PLAIN)
    print(loop.remove_signal_handler(signal.SIGHUP), loop.remove_signal_handler(signal.SIGHUP),
          loop.remove_signal_handler(signal.SIGTERM))
    print(signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGHUP))
    wake = signal.set_wakeup_fd(-1)
    print(wake >= 0)
    signal.set_wakeup_fd(wake)


asyncio.run(main())
print(signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGUSR1), signal.getsignal(signal.SIGUSR2).__name__)
