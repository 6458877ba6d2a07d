"""A SIGUSR1 handler installed with loop.add_signal_handler that dumps state to a file."""
import asyncio
import json
import os
import signal
import tempfile

STATE = {"conns": 3, "queued": 0}
folder = tempfile.mkdtemp()


def dump_state():
    with open(os.path.join(folder, "state.json"), "w") as f:  # PLANT ACK103
        json.dump(STATE, f)


async def main():
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGUSR1, dump_state)
    os.kill(os.getpid(), signal.SIGUSR1)
    await asyncio.sleep(0.05)
    loop.remove_signal_handler(signal.SIGUSR1)
    with open(os.path.join(folder, "state.json")) as f:
        print("dumped", json.load(f))


asyncio.run(main())
os.unlink(os.path.join(folder, "state.json"))
os.rmdir(folder)
