"""A threaded line-oriented directory service on loopback: `WHOIS name` answers one line."""
import socketserver
import threading

USERS = {"ada": "Ada Lovelace, analyst", "alan": "Alan Turing, cryptography", "grace": "Grace Hopper, compilers"}


class _Handler(socketserver.StreamRequestHandler):
    def handle(self):
        for raw in self.rfile:
            cmd, _, arg = raw.decode().strip().partition(" ")
            if cmd == "WHOIS":
                self.wfile.write((USERS.get(arg, "unknown") + "\n").encode())
            else:
                self.wfile.write(b"ERR\n")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def start():
    """Serve on a free loopback port from a daemon thread; returns (host, port)."""
    server = _Server(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True, name="backend").start()
    return server.server_address
