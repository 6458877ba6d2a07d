"""multiprocessing talks to its own processes over sockets: to the forkserver when a process starts there (connect,
sendmsg of the descriptors). A wait made there on the loop's thread is one for another process, ACK106 as the
linter words a join, not a wait for the network. Look-alikes: the same start made in a worker thread, a plain
socket's wait (still the network's, ACK105)."""
import asyncio
import multiprocessing
import socket


def child():
    pass


async def main():
    forkserver = multiprocessing.get_context("forkserver")
    worker = forkserver.Process(target=child)
    worker.start()  # ACK106
    await asyncio.to_thread(worker.join)
    other = forkserver.Process(target=child)
    await asyncio.to_thread(other.start)
    await asyncio.to_thread(other.join)
    left, right = socket.socketpair()
    with left, right:
        right.sendall(b"x")  # ACK105
        print(left.recv(1))  # ACK105
    print("exit codes", worker.exitcode, other.exitcode)


if __name__ == "__main__":
    asyncio.run(main())
