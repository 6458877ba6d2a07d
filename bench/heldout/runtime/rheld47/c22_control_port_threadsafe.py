"""A service with a socketserver control port on a thread that hands 'reload' to the loop thread-safely."""
import asyncio
import socketserver
import threading

LOOP = None
STATE = {"version": 1, "reloads": 0}


def reload_config():
    STATE["version"] += 1
    STATE["reloads"] += 1


class Control(socketserver.StreamRequestHandler):
    def handle(self):
        command = self.rfile.readline().strip()
        if command == b"reload":
            LOOP.call_soon_threadsafe(LOOP.call_later, 0.01, reload_config)
        self.wfile.write(b"ok\n")


async def send(port, command):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(command + b"\n")
    await writer.drain()
    answer = await reader.readline()
    writer.close()
    await writer.wait_closed()
    return answer.strip().decode()


async def main():
    global LOOP
    LOOP = asyncio.get_running_loop()
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Control)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(await send(server.server_address[1], b"reload"))
    await asyncio.sleep(0.1)
    await asyncio.to_thread(server.shutdown)
    await asyncio.to_thread(server.server_close)
    print(STATE)


asyncio.run(main())
