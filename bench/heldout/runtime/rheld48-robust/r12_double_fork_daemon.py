"""A daemonizer double-forks after its asyncio start-up check; the middle child also runs a loop before forking."""
import asyncio
import os
import sys


async def probe(tag):
    await asyncio.sleep(0.001)
    r, w = os.pipe()
    loop = asyncio.get_running_loop()
    got = loop.create_future()
    loop.add_reader(r, lambda: got.set_result(os.read(r, 10)))
    os.write(w, tag.encode())
    data = await got
    loop.remove_reader(r)
    os.close(r)
    os.close(w)
    return data.decode()


def main():
    print("parent", asyncio.run(probe("p")), flush=True)
    report_r, report_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(report_r)
        mid = asyncio.run(probe("m"))
        os.write(report_w, f"middle:{mid};".encode())
        pid2 = os.fork()
        if pid2 == 0:
            grand = asyncio.run(probe("g"))
            os.write(report_w, f"grandchild:{grand};".encode())
            os._exit(0)
        _, status = os.waitpid(pid2, 0)
        os.write(report_w, f"grand-status:{os.waitstatus_to_exitcode(status)};".encode())
        os._exit(3)
    os.close(report_w)
    _, status = os.waitpid(pid, 0)
    data = b""
    while chunk := os.read(report_r, 100):
        data += chunk
    print(sorted(data.decode().strip(";").split(";")), os.waitstatus_to_exitcode(status))
    print("after", asyncio.run(probe("q")))


main()
sys.stdout.flush()
