import asyncio
import os
import sys
import tempfile

PATH = os.path.join(tempfile.gettempdir(), f"asynccheck-entry-{os.getpid()}.txt")


def load():
    with open(PATH) as fh:  # inside a helper: reported where the coroutine called it, as the linter does
        return fh.read()


def on_ready(done):
    load()  # ACK103: a callback the loop runs is where the program's code begins
    done.set_result(None)


async def main():
    with open(PATH, "w") as fh:  # ACK103
        fh.write("x")
    text = load()  # ACK103
    done = asyncio.get_running_loop().create_future()
    asyncio.get_running_loop().call_soon(on_ready, done)
    await done
    # asyncio opens pipes and forks on the program's behalf: its own business, not a finding
    proc = await asyncio.create_subprocess_exec(sys.executable, "-c", "pass")
    await proc.wait()
    os.remove(PATH)
    print(text, proc.returncode)


asyncio.run(main())
