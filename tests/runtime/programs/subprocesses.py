import asyncio
import subprocess
import sys
import time


def work():
    time.sleep(0.01)  # in a worker thread: fine
    return 2


async def main():
    loop = asyncio.get_running_loop()
    # the loop's own subprocess support spawns, opens pipes and waits on the program's behalf: not findings
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", "print('hi')", stdout=asyncio.subprocess.PIPE, stdin=asyncio.subprocess.DEVNULL)
    out, _ = await proc.communicate()
    shell = await asyncio.create_subprocess_shell("exit 3", stderr=asyncio.subprocess.DEVNULL)
    code = await shell.wait()
    hooked = await asyncio.create_subprocess_exec(sys.executable, "-c", "pass", preexec_fn=lambda: None)
    await hooked.wait()
    ran = await loop.run_in_executor(None, work) + await asyncio.to_thread(work)
    subprocess.run([sys.executable, "-c", "pass"])  # ACK104: the program's own wait, on the loop
    print(out.decode().strip(), code, hooked.returncode, ran)


asyncio.run(main())
