"""A tiny ledger HTTP service on a thread (for the reconciler programs): POST /adjustments answers with an id."""
import http.server
import json
import threading


class Ledger(http.server.BaseHTTPRequestHandler):
    count = 0

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        Ledger.count += 1
        reply = json.dumps({"id": f"adj-{Ledger.count}", "amount": body["amount"]}).encode()
        self.send_response(201)
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args):
        pass


def start_ledger():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Ledger)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"
