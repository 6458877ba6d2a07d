"""multiprocessing talks to its own processes over sockets: a manager's proxy to its server (connect, send, the
reply). A wait made there on the loop's thread is one for another process, ACK106 as the linter words a join, not
a wait for the network. Look-alikes: a process started by the forkserver, which only connects to it and hands it
the descriptors (neither waits: reported they said 0 ms; a slow start is a stall, ACK120, which this test leaves
out); the same made in a worker thread; a plain socket's wait (still the network's, ACK105)."""
import asyncio
import multiprocessing
import socket


def child():
    pass


async def main():
    forkserver = multiprocessing.get_context("forkserver")
    worker = forkserver.Process(target=child)
    worker.start()
    await asyncio.to_thread(worker.join)
    other = forkserver.Process(target=child)
    await asyncio.to_thread(other.start)
    await asyncio.to_thread(other.join)
    left, right = socket.socketpair()
    with left, right:
        right.sendall(b"x")  # ACK105
        print(left.recv(1))  # ACK105
    print("exit codes", worker.exitcode, other.exitcode)
    manager = await asyncio.to_thread(forkserver.Manager)
    try:
        shared = manager.list()  # ACK106
        shared.append(1)  # ACK106
        print("shared", await asyncio.to_thread(len, shared))
    finally:
        await asyncio.to_thread(manager.shutdown)


if __name__ == "__main__":
    asyncio.run(main())
