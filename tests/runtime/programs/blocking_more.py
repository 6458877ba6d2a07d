import asyncio
import concurrent.futures
import http.server
import os
import queue
import select
import socket
import threading
import time
import urllib.request


class Quiet(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


class Attempt(concurrent.futures.Future):
    """One try's outcome, kept in a future as retry libraries do."""

    @property
    def failed(self):
        return self.exception() is not None


def later(delay, action):
    threading.Timer(delay, action).start()


async def main(server):
    jobs = queue.Queue()
    later(0.01, lambda: jobs.put(1))
    jobs.get()  # ACK106
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(time.sleep, 0.01).result()  # ACK106
    finished = concurrent.futures.Future()
    later(0, lambda: finished.set_result(1))
    await asyncio.sleep(0.05)
    finished.result()  # ACK106: the pattern blocks, though another thread happened to be done with it
    outcome = concurrent.futures.Future()  # a value holder: set here, read here, nothing to wait for
    outcome.set_exception(ValueError("attempt 1"))
    print("holder:", outcome.exception(), outcome.done())
    attempt = Attempt()
    attempt.set_result(2)
    print("attempt:", attempt.failed, attempt.result())
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        fanned = [pool.submit(pow, 2, n) for n in range(3)]
        done, _ = concurrent.futures.wait(fanned, timeout=5)  # ACK106: though they may all be done already
        total = sum(f.result() for f in done)  # handed back as done: reading them cannot wait
        for fut in concurrent.futures.as_completed(fanned):  # ACK106
            total += fut.result() + len([fut.exception()])
        concurrent.futures.wait(fanned, timeout=0)  # a poll
        await asyncio.to_thread(concurrent.futures.wait, fanned)  # waits in a worker thread
    jobs.put(2)  # an unbounded queue.Queue never waits on put
    jobs.get()  # ACK106: the same, though an item happened to be there
    worker = threading.Thread(target=time.sleep, args=(0.01,))
    worker.start()
    worker.join()  # ACK106
    ready = threading.Condition()
    flag = []
    later(0.01, lambda: (ready.acquire(), flag.append(1), ready.notify_all(), ready.release()))
    with ready:
        ready.wait_for(lambda: flag, timeout=5)  # ACK106
    left, right = socket.socketpair()
    later(0.01, lambda: right.sendall(b"x"))
    left.recv(1)  # ACK105
    select.select([left], [], [], 0.001)  # ACK106
    os.system("true")  # ACK104
    threading.Thread(target=server.handle_request).start()
    with urllib.request.urlopen(f"http://127.0.0.1:{server.server_port}/") as resp:  # ACK102
        body = resp.read()  # ACK102
    line = input()  # ACK107
    left.close()
    right.close()
    print(body.decode(), line)


http_server = http.server.HTTPServer(("127.0.0.1", 0), Quiet)
asyncio.run(main(http_server))
http_server.server_close()
