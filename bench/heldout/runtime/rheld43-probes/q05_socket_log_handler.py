"""Records shipped to a log collector with logging.handlers.SocketHandler, from a coroutine."""
import asyncio
import logging
import logging.handlers
import socketserver
import threading

received = []


class _Collector(socketserver.StreamRequestHandler):
    def handle(self):
        received.append(len(self.rfile.read(4)))


server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Collector)
server.daemon_threads = True
threading.Thread(target=server.serve_forever, daemon=True).start()
ship = logging.getLogger("ship")
ship.propagate = False
handler = logging.handlers.SocketHandler(*server.server_address)
ship.addHandler(handler)


async def checkout(cart):
    await asyncio.sleep(0)
    ship.warning("checkout of %d items", len(cart))  # PLANT ACK105
    return "ok"


print(asyncio.run(checkout([1, 2, 3])))
handler.close()
server.shutdown()
server.server_close()
