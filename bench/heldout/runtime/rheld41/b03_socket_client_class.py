"""A metrics client class with a blocking socket, used from a request handler."""
import asyncio
import socket
import socketserver
import threading


class Ack(socketserver.BaseRequestHandler):
    def handle(self):
        data = self.request.recv(1024)
        self.request.sendall(b"ok:" + data)


class MetricsClient:
    def __init__(self, addr):
        self.addr = addr

    def send(self, name, value):
        with socket.create_connection(self.addr, timeout=2) as s:
            s.sendall(f"{name}={value}".encode())
            return s.recv(1024).decode()


class Handler:
    def __init__(self, metrics):
        self.metrics = metrics

    async def handle(self, path):
        await asyncio.sleep(0)
        reply = self.metrics.send("hits." + path, 1)  # PLANT ACK105
        return reply


async def main(addr):
    h = Handler(MetricsClient(addr))
    for p in ("home", "about"):
        print(await h.handle(p))


server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Ack)
threading.Thread(target=server.serve_forever, daemon=True).start()
asyncio.run(main(server.server_address))
server.shutdown()
server.server_close()
