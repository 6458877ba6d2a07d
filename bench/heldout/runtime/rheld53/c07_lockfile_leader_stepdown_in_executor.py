"""Leader election over a lock file: each replica holds an open lock file and tries `flock` without blocking;
the one that gets it leads and renews its term until the operators ask it to step down (an admin thread sets a
step-down flag, waited for in the default executor), then releases the lock for the next. The replicas' loop is
driven by `run_until_complete`."""
import asyncio
import fcntl
import os
import tempfile
import threading


class Replica:
    def __init__(self, name, path, log):
        self.name = name
        self.handle = open(path, "a+")
        self.stepdown = threading.Event()
        self.log = log

    def try_lock(self):
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    async def campaign(self, rounds=3):
        while not self.try_lock():
            await asyncio.sleep(0.01)
        self.log.append(f"{self.name} leads")
        for _ in range(rounds):
            if await asyncio.get_running_loop().run_in_executor(None, self.stepdown.wait, 0.05):
                break
            await asyncio.sleep(0)
        fcntl.flock(self.handle, fcntl.LOCK_UN)
        self.log.append(f"{self.name} steps down")


async def election(first, second):
    leading = asyncio.ensure_future(first.campaign(rounds=50))
    await asyncio.sleep(0)
    await asyncio.gather(leading, second.campaign(rounds=2))


def main():
    log = []
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "leader.lock")
        first, second = Replica("r1", path, log), Replica("r2", path, log)
        admin = threading.Timer(0.08, first.stepdown.set)
        admin.start()
        loop = asyncio.new_event_loop()
        try:
            loop.run_until_complete(election(first, second))
        finally:
            loop.close()
            admin.join()
            first.handle.close()
            second.handle.close()
    print(log)


main()
