"""Inventory service calling a vendor's sync SDK client from a request handler."""
import asyncio
import socket
import socketserver
import threading


class _Echo(socketserver.BaseRequestHandler):
    def handle(self):
        data = self.request.recv(64)
        self.request.sendall(b"stock:" + data)


class InventoryClient:
    """A thin sync SDK, as vendors ship them."""

    def __init__(self, host, port):
        self.addr = (host, port)

    def lookup(self, sku):
        with socket.create_connection(self.addr, timeout=2) as s:
            s.sendall(sku.encode())
            return s.recv(64).decode()


async def handle_request(client, sku):
    answer = client.lookup(sku)  # PLANT ACK105
    return answer


async def main():
    server = socketserver.TCPServer(("127.0.0.1", 0), _Echo)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    client = InventoryClient(*server.server_address)
    print(await handle_request(client, "A-17"))
    await asyncio.to_thread(server.shutdown)
    server.server_close()


asyncio.run(main())
