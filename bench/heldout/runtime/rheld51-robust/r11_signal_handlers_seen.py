"""signal.getsignal() for the usual signals before a loop, inside it, after add_signal_handler and its removal,
and after the loop; the wakeup fd the loop set (as a yes/no) and what set_wakeup_fd returns after."""
import asyncio
import signal

SIGS = [signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGUSR1, signal.SIGCHLD, signal.SIGPIPE,
        signal.SIGALRM, signal.SIGWINCH]


def show(tag):
    out = []
    for s in SIGS:
        h = signal.getsignal(s)
        out.append(f"{s.name}={getattr(h, '__name__', None) or type(h).__name__ if callable(h) else h}")
    print(tag, " ".join(out))


async def main():
    show("loop")
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGUSR1, lambda: None)
    show("added")
    fd = signal.set_wakeup_fd(-1)
    print("wakeup set", fd != -1)
    signal.set_wakeup_fd(fd)
    loop.remove_signal_handler(signal.SIGUSR1)
    show("removed")


show("start")
asyncio.run(main())
show("end")
print("wakeup after", signal.set_wakeup_fd(-1))
