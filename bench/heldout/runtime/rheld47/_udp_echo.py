"""A UDP echo server on a thread (a stand-in for a metrics or discovery daemon)."""
import socket
import threading


def start():
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))

    def serve():
        while True:
            data, addr = sock.recvfrom(2048)
            if data == b"quit":
                return
            sock.sendto(b"pong " + data, addr)

    threading.Thread(target=serve, daemon=True).start()
    return sock.getsockname()
