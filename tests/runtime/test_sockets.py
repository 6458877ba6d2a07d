"""Sockets under the checker: the loop's own transports call the C methods directly (no wrapper on their hot
path), every blocking socket call in the program is still reported (sockets that switch modes, subclasses,
SSL sockets, sockets made before the checker started), and sockets look and fail exactly as without it."""
from __future__ import annotations

import asyncio
import pickle
import shutil
import socket
import ssl
import subprocess
import threading
from asyncio import selector_events

import pytest

import asynccheck
from asynccheck.runtime import sockets


def _is_c_method(method, sock) -> bool:
    return type(method).__name__ == "builtin_function_or_method" and method.__self__ is sock


async def _echo_server():
    async def echo(reader, writer):
        while data := await reader.read(100):
            writer.write(data)
            await writer.drain()
        writer.close()

    server = await asyncio.start_server(echo, "127.0.0.1", 0)
    return server, server.sockets[0].getsockname()[1]


def test_a_transport_reads_and_writes_through_the_c_methods():
    seen = {}

    async def main():
        server, port = await _echo_server()
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        stand_in = writer.transport._sock
        real = writer.get_extra_info("socket")._sock  # what the program sees wraps the real socket
        seen["types"] = (type(stand_in), type(real))
        seen["c"] = all(_is_c_method(getattr(stand_in, name), real) for name in ("recv", "send", "recv_into"))
        seen["repr"] = repr(stand_in) == repr(real)
        writer.write(b"ping\n")
        seen["echo"] = await reader.readline()
        writer.close()
        await writer.wait_closed()
        server.close()
        await server.wait_closed()

    with asynccheck.watch() as session:
        asyncio.run(main())
    assert seen["types"] == (sockets.LoopSocket, socket.socket)
    assert seen["c"] and seen["repr"] and seen["echo"] == b"ping\n"
    assert session.findings == []


def test_the_programs_socket_keeps_its_type_and_a_mode_switch_is_still_seen():
    """A socket the program passes with sock= stays its own; made blocking behind the transport's back (a bug),
    the transport's writes are watched again, and reported at the program's line."""
    listener = socket.create_server(("127.0.0.1", 0))  # made before the checker started
    port = listener.getsockname()[1]
    seen = {}

    class Counting(socket.socket):
        sent = 0

        def send(self, data, flags=0):
            Counting.sent += 1
            return super().send(data, flags)

    async def main():
        raw = Counting(socket.AF_INET, socket.SOCK_STREAM)
        raw.connect(("127.0.0.1", port))  # ACK105 (a blocking connect in a coroutine)
        peer, _ = listener.accept()  # ACK105
        reader, writer = await asyncio.open_connection(sock=raw)
        seen["own"] = (type(raw), isinstance(raw, socket.socket), writer.get_extra_info("socket")._sock is raw)
        writer.write(b"a")  # through Counting.send: the subclass's method is not stepped around
        raw.setblocking(True)
        writer.write(b"b")  # ACK105: the transport's socket is blocking now
        raw.setblocking(False)
        seen["c again"] = _is_c_method(writer.transport._sock.recv, raw)
        writer.close()
        await writer.wait_closed()
        peer.close()

    with asynccheck.watch() as session:
        asyncio.run(main())
    listener.close()
    assert seen["own"] == (Counting, True, True) and seen["c again"]
    assert Counting.sent == 2
    source = open(__file__).read().splitlines()
    reported = sorted((f.code, source[f.line - 1].split("#")[0].strip()) for f in session.findings)
    assert reported == [("ACK105", 'peer, _ = listener.accept()'), ("ACK105", 'raw.connect(("127.0.0.1", port))'),
                        ("ACK105", 'writer.write(b"b")')]


def test_blocking_calls_keep_their_arguments_and_errors():
    left, right = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
    outcomes = []

    def calls():
        right.send(b"xy")
        buffer = bytearray(4)
        outcomes.append(left.recvfrom_into(buffer, nbytes=1))  # keywords, as the C method takes them
        outcomes.append(bytes(buffer[:1]))
        for bad in (lambda: left.recv(), lambda: socket.socket.recv(3, 1), lambda: pickle.dumps(left)):
            try:
                bad()
            except TypeError as exc:
                outcomes.append(str(exc))

    calls()
    plain = list(outcomes)
    outcomes.clear()
    with asynccheck.watch():
        calls()
    left.close()
    right.close()
    assert outcomes == plain


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command to make a certificate")
def test_ssl_socket_reads_and_writes_are_reported(tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                    str(cert), "-days", "2", "-subj", "/CN=localhost"], check=True, capture_output=True)
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(cert, key)
    client_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    client_ctx.check_hostname, client_ctx.verify_mode = False, ssl.CERT_NONE
    listener = socket.create_server(("127.0.0.1", 0))

    def serve():
        conn, _ = listener.accept()
        with server_ctx.wrap_socket(conn, server_side=True) as tls:
            tls.sendall(tls.recv(100))

    async def main():
        raw = socket.create_connection(listener.getsockname())  # ACK105
        with client_ctx.wrap_socket(raw) as tls:  # ACK105: the handshake
            tls.sendall(b"hello")  # ACK105
            return tls.recv(100)  # ACK105

    threading.Thread(target=serve).start()
    with asynccheck.watch() as session:
        assert asyncio.run(main()) == b"hello"
    listener.close()
    texts = {f.message.split("`")[1] for f in session.findings}
    handshake = texts - {"socket.create_connection()", "ssl.SSLSocket.recv()", "ssl.SSLSocket.sendall()"}
    assert len(texts) == 4 and handshake <= {"ssl.SSLContext.wrap_socket()", "ssl.wrap_socket()"}, texts  # (3.9)


def test_transports_made_before_the_checker_and_after_it_stopped_work():
    async def echo_once():
        server, port = await _echo_server()
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"x\n")
        line = await reader.readline()
        writer.close()
        await writer.wait_closed()
        server.close()
        await server.wait_closed()
        return line

    assert asyncio.run(echo_once()) == b"x\n"
    original = selector_events._SelectorTransport.__init__
    with asynccheck.watch():
        assert selector_events._SelectorTransport.__init__ is not original
        assert asyncio.run(echo_once()) == b"x\n"
    assert selector_events._SelectorTransport.__init__ is original
    assert "setblocking" not in vars(socket.socket) and "settimeout" not in vars(socket.socket)
    assert asyncio.run(echo_once()) == b"x\n"
