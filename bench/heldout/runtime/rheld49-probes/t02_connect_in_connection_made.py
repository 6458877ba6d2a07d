import asyncio, socket
class Echo(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport
        self.audit = socket.create_connection(("127.0.0.1", AUDIT_PORT), timeout=2)  # PLANT ACK105
        self.audit.close()
    def data_received(self, data):
        self.transport.write(data.upper())
async def main():
    global AUDIT_PORT
    audit = socket.socket(); audit.bind(("127.0.0.1", 0)); audit.listen(5)
    AUDIT_PORT = audit.getsockname()[1]
    loop = asyncio.get_running_loop()
    server = await loop.create_server(Echo, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    r, w = await asyncio.open_connection("127.0.0.1", port)
    w.write(b"hi"); print(await r.read(2))
    w.close(); server.close(); audit.close()
asyncio.run(main())
