"""A metrics client with a blocking socket, always called through the loop's executor; a stream call too."""
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


async def send_stream(addr, text):
    reader, writer = await asyncio.open_connection(*addr)
    writer.write(text.encode())
    await writer.drain()
    reply = await reader.read(1024)
    writer.close()
    await writer.wait_closed()
    return reply.decode()


async def main(addr):
    client = MetricsClient(addr)
    loop = asyncio.get_running_loop()
    print(await loop.run_in_executor(None, client.send, "hits.home", 1))
    print(await send_stream(addr, "hits.about=1"))


server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Ack)
threading.Thread(target=server.serve_forever, daemon=True).start()
asyncio.run(main(server.server_address))
server.shutdown()
server.server_close()
