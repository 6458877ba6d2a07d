"""A health poller that calls a local HTTP endpoint with urllib."""
import asyncio
import http.server
import json
import threading
import urllib.request


class Health(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps({"status": "up"}).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


async def poll_health(url):
    await asyncio.sleep(0)
    with urllib.request.urlopen(url, timeout=2) as resp:  # PLANT ACK102
        return json.loads(resp.read())["status"]


async def main(url):
    print("health:", await poll_health(url))


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Health)
threading.Thread(target=server.serve_forever, daemon=True).start()
asyncio.run(main(f"http://127.0.0.1:{server.server_address[1]}/health"))
server.shutdown()
server.server_close()
