"""A client library subclasses requests.Session and urllib's opener and introspects them; requests run in threads."""
import asyncio
import http.server
import inspect
import re
import threading
import urllib.request

import requests


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = f"path={self.path}".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class ApiSession(requests.Session):
    def __init__(self, base):
        super().__init__()
        self.base = base
        self.count = 0

    def request(self, method, url, *args, **kwargs):
        self.count += 1
        return super().request(method, self.base + url, *args, **kwargs)


def introspect():
    for fn in (requests.get, requests.Session.request, requests.Session.send, urllib.request.urlopen,
               requests.adapters.HTTPAdapter.send):
        print(fn.__name__, fn.__qualname__, fn.__module__, type(fn).__name__, inspect.isfunction(fn),
              re.sub(r"0x[0-9a-f]+", "0x", str(inspect.signature(fn)))[:80])


def fetch_all(base):
    with ApiSession(base) as s:
        texts = [s.get(f"/item/{i}", timeout=5).text for i in range(3)]
        return texts, s.count, isinstance(s, requests.Session)


def fetch_urllib(base):
    with urllib.request.urlopen(base + "/u", timeout=5) as r:
        return r.status, r.read().decode()


async def main(base):
    print(await asyncio.to_thread(fetch_all, base))
    print(await asyncio.to_thread(fetch_urllib, base))
    print(await asyncio.to_thread(lambda: requests.get(base + "/plain", timeout=5).text))


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
base = f"http://127.0.0.1:{server.server_address[1]}"
introspect()
asyncio.run(main(base))
introspect()
server.shutdown()
server.server_close()
