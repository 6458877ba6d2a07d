"""A security audit trail: the program installs `sys.addaudithook` at start and records the files opened, the
sockets connected, the processes started and the modules imported while it serves (with numbers masked so the
trail reads the same from run to run)."""
import asyncio
import collections
import re
import sys
import tempfile
import os

events = collections.Counter()
opened = set()
recording = [False]
FOLDER = [""]


def audit(event, args):
    if not recording[0]:
        return
    if event == "open":
        path = args[0]
        if isinstance(path, (str, bytes)):
            opened.add(re.sub(r"\d+", "N", os.fsdecode(path).replace(FOLDER[0], "<tmp>")))
        else:
            opened.add("<fd>")
        events[event] += 1
    elif event in ("socket.connect", "socket.bind", "subprocess.Popen", "os.listdir", "os.scandir", "import", "os.fork",
                   "os.posix_spawn", "os.exec", "ctypes.dlopen", "mmap.__new__", "os.system", "socket.getaddrinfo"):
        events[event] += 1
        if event == "import":
            opened.add(f"import {args[0]}")


async def main(folder):
    path = os.path.join(folder, "state.json")
    await asyncio.to_thread(lambda: open(path, "w").write("{}"))
    reader, writer = await asyncio.open_connection(*SERVER)
    writer.write(b"hi\n")
    print("echo", await reader.readline())
    writer.close()
    await writer.wait_closed()
    proc = await asyncio.create_subprocess_exec("true")
    print("child", await proc.wait())
    await asyncio.sleep(0.3)


async def serve():
    async def handle(reader, writer):
        writer.write(await reader.readline())
        await writer.drain()
        writer.close()

    return await asyncio.start_server(handle, "127.0.0.1", 0)


async def run(folder):
    global SERVER
    server = await serve()
    SERVER = server.sockets[0].getsockname()[:2]
    recording[0] = True
    try:
        await main(folder)
    finally:
        recording[0] = False
    server.close()
    await server.wait_closed()


sys.addaudithook(audit)
with tempfile.TemporaryDirectory() as folder:
    FOLDER[0] = folder
    asyncio.run(run(folder))
print(sorted(events.items()))
for item in sorted(opened):
    print(" ", item)
