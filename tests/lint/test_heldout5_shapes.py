"""Shapes found missing on a fifth held-out set of realistic cases (web handlers, DB layers, bots, workers):
each flagged shape beside the look-alikes of the same shape that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked

BLOCKING = ["ACK101", "ACK102", "ACK103", "ACK104", "ACK105", "ACK106", "ACK107", "ACK108"]


def test_a_contextmanager_helper_entered_by_with_runs_its_body_on_the_loop():
    check_marked('''
        import asyncio
        import contextlib
        import sqlite3

        @contextlib.contextmanager
        def db_cursor(path):
            conn = sqlite3.connect(path)
            try:
                yield conn.cursor()
                conn.commit()
            finally:
                conn.close()

        @contextlib.contextmanager
        def timed(log):
            log.append("start")
            yield
            log.append("end")

        def rows(path):
            conn = sqlite3.connect(path)
            yield from conn.execute("select 1")

        async def archive(path, order_id):
            with db_cursor(path) as cur:  # ACK105
                cur.execute("update orders set archived = 1 where id = ?", (order_id,))

        async def archive_no_name(path):
            with db_cursor(path):  # ACK105
                pass

        async def archive_threaded(path, order_id):
            def work():
                with db_cursor(path) as cur:
                    cur.execute("update orders set archived = 1 where id = ?", (order_id,))
            await asyncio.to_thread(work)

        async def only_timed(log):
            with timed(log):
                await asyncio.sleep(0)

        async def generator_not_entered(path):
            pending = rows(path)  # made, handed on, never iterated here
            return await asyncio.to_thread(list, pending)
    ''', BLOCKING)


def test_a_socket_given_a_timeout_still_blocks():
    check_marked('''
        import socket

        async def probe(host, port):
            s = socket.socket()
            s.settimeout(1)
            try:
                s.connect((host, port))  # ACK105
                return True
            finally:
                s.close()

        async def probe_no_timeout(host, port):
            s = socket.socket()
            s.settimeout(None)
            s.setblocking(True)
            s.connect((host, port))  # ACK105

        async def probe_non_blocking(host, port):
            s = socket.socket()
            s.settimeout(0)
            try:
                s.connect((host, port))
            except BlockingIOError:
                pass

        async def probe_switched(host, port):
            s = socket.socket()
            s.setblocking(False)
            s.connect_ex((host, port))

        async def probe_unknown_timeout(host, port, timeout):
            s = socket.socket()
            s.settimeout(timeout)  # may be 0: left alone
            s.connect((host, port))

        class Pusher:
            def connect(self, host, port):
                self.sock = socket.create_connection((host, port))
                self.sock.settimeout(2.5)

            async def push(self, line: bytes):
                self.sock.sendall(line)  # ACK105

        class LoopPusher:
            def connect(self, host, port):
                self.sock = socket.create_connection((host, port))
                self.sock.settimeout(0.0)

            async def push(self, line: bytes):
                self.sock.sendall(line)
    ''', BLOCKING)
