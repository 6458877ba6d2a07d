"""A circuit breaker's health probe checks the backend's /health page; its tasks come from a task factory that
names them and tracks them."""
import asyncio
import http.server
import threading
import urllib.request


class Health(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Health)
threading.Thread(target=server.serve_forever, daemon=True).start()
URL = f"http://127.0.0.1:{server.server_address[1]}/health"
STARTED = []


def tracking_factory(loop, coro, **kwargs):
    task = asyncio.Task(coro, loop=loop, **kwargs)
    STARTED.append(coro.__name__)
    return task


async def probe(breaker):
    with urllib.request.urlopen(URL, timeout=2) as resp:  # PLANT ACK102
        breaker["state"] = "closed" if resp.status == 200 else "open"
    return breaker["state"]


async def main():
    asyncio.get_running_loop().set_task_factory(tracking_factory)
    breaker = {"state": "open"}
    state = await asyncio.create_task(probe(breaker))
    print(state, STARTED)


asyncio.run(main())
server.shutdown()
