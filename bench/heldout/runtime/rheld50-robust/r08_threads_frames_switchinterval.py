"""A thread-dump endpoint: the switch interval, the threads Python knows of, and sys._current_frames() of each,
compared with threading's view."""
import asyncio
import sys
import threading
import time


def blocked(ev):
    ev.wait(2)


async def main():
    sys.setswitchinterval(0.001)
    print("switch", sys.getswitchinterval())
    ev = threading.Event()
    workers = [threading.Thread(target=blocked, args=(ev,), name=f"w{n}") for n in range(3)]
    for w in workers:
        w.start()
    await asyncio.to_thread(time.sleep, 0.01)
    idents = {t.ident for t in threading.enumerate()}
    frames = sys._current_frames()
    print("active", threading.active_count(), "frames", len(frames), "unknown", len(set(frames) - idents))
    print(sorted(t.name.split("_")[0] for t in threading.enumerate()))
    main_frame = frames[threading.main_thread().ident]
    names = []
    while main_frame is not None:
        names.append(main_frame.f_code.co_name)
        main_frame = main_frame.f_back
    print("main stack", names[:2], names[-1], len([n for n in names if n == "<module>"]))
    ev.set()
    for w in workers:
        w.join()
    print("after", threading.active_count(), len(sys._current_frames()))
    sys.setswitchinterval(0.005)


asyncio.run(main())
print(sys.getswitchinterval(), threading.active_count())
