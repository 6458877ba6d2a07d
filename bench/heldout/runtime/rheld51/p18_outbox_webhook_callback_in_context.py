"""An outbox relay delivers webhooks: each pending message is delivered from a loop callback run in the context
of the request that produced it (the tenant's headers come from a context variable)."""
import asyncio
import contextvars
import http.server
import threading
import urllib.request

TENANT = contextvars.ContextVar("tenant")
RECEIVED = []


class Hook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        RECEIVED.append((self.headers["X-Tenant"], body.decode()))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hook)
threading.Thread(target=server.serve_forever, daemon=True).start()
URL = f"http://127.0.0.1:{server.server_address[1]}/hook"


def deliver(body, results):
    req = urllib.request.Request(URL, data=body.encode(), headers={"X-Tenant": TENANT.get()}, method="POST")
    with urllib.request.urlopen(req, timeout=2) as resp:  # PLANT ACK102
        results.append(resp.status)


async def main():
    loop = asyncio.get_running_loop()
    results = []
    for tenant, body in [("acme", "order-1"), ("globex", "order-2")]:
        TENANT.set(tenant)
        loop.call_soon(deliver, body, results, context=contextvars.copy_context())
        await asyncio.sleep(0)
    while len(results) < 2:
        await asyncio.sleep(0.01)
    print(results, sorted(RECEIVED))


asyncio.run(main())
server.shutdown()
