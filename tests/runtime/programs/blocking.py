import asyncio
import socket
import subprocess
import sys
import threading
import time


async def main():
    time.sleep(0.01)  # ACK101
    with open(__file__) as fh:  # ACK103
        fh.read(10)
    subprocess.run([sys.executable, "-c", "pass"])  # ACK104
    socket.getaddrinfo("localhost", 80)  # ACK105
    done = threading.Event()
    threading.Timer(0.01, done.set).start()
    done.wait()  # ACK106
    print("done")


asyncio.run(main())
