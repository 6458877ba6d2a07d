"""What a library hands the callables it is given (callbacks.py): an unannotated parameter of a project
function handed to `asyncio.start_server`, `websockets.serve`, aiohttp's routes, a done callback or the loop's
`add_reader`/`call_soon` (with what follows it) gets what the library calls it with, and keeps no type when the
function is used elsewhere too."""
from __future__ import annotations

import pytest

from .helpers import check_marked

CODES = ["ACK101", "ACK102", "ACK103", "ACK104", "ACK105", "ACK106", "ACK107", "ACK108", "ACK110", "ACK301",
         "ACK401", "ACK402"]


def test_stream_handler_writer_drain_unawaited():
    check_marked('''
        import asyncio

        async def pump(reader, writer):
            data = await reader.read(100)
            writer.write(data)
            writer.drain()  # ACK301

        async def main():
            server = await asyncio.start_server(pump, "127.0.0.1", 8888)
            async with server:
                await server.serve_forever()
    ''', CODES)


def test_partial_handler_keeps_the_bound_arguments_first():
    check_marked('''
        import asyncio
        import functools

        async def pump(tag, reader, writer):
            writer.write(tag)
            writer.drain()  # ACK301
            tag.decode()

        async def main():
            server = await asyncio.start_server(functools.partial(pump, b"x"), "127.0.0.1", 8888)
            await server.serve_forever()
    ''', CODES)


def test_websockets_aiohttp_methods_and_keyword_callbacks():
    check_marked('''
    import asyncio
    from functools import partial
    from websockets.asyncio.server import serve
    from aiohttp import web

    class Server:
        async def handle(self, reader, writer):
            writer.write(b"x")
            writer.drain()  # ACK301

        async def start(self):
            self.server = await asyncio.start_server(self.handle, "0.0.0.0", 1)

    async def unix(reader, writer):
        writer.drain()  # ACK301

    async def echo(ws):
        ws.send("x")  # ACK301

    async def listing(request):
        request.read()  # ACK301
        return web.Response()

    async def routed(request):
        request.json()  # ACK301

    async def main():
        await asyncio.start_unix_server(client_connected_cb=unix, path="/tmp/s")
        async with serve(echo, "localhost", 8765):
            await asyncio.Future()
        app = web.Application()
        app.router.add_route("GET", "/l", listing)
        app.add_routes([web.route("POST", "/r", routed)])
    ''', CODES)


def test_aiohttp_route_table_decorator_and_helpers():
    check_marked('''
        from aiohttp import web
        import websockets

        routes = web.RouteTableDef()

        @routes.post("/upload")
        async def upload(request):
            request.post()  # ACK301
            return web.Response()

        async def hello(request):
            data = request.json()  # ACK301
            return web.json_response({})

        async def other(request):
            request.text()  # ACK301
            return web.Response()

        async def chat(ws):
            async for message in ws:
                ws.send(message)  # ACK301

        app = web.Application()
        app.add_routes([web.get("/", hello)])
        app.router.add_get("/o", other)
        app.add_routes(routes)
        server = websockets.serve(chat, "localhost", 8765)
    ''', CODES)


def test_look_alikes_stay_quiet():
    # called directly with other arguments, annotated with another type, a same-named parameter of a function
    # nobody hands over, a sync server's handler, a method also called directly, done callbacks reading the
    # result of a future that is done, a partial that binds by keyword (which positions are left is unknown); the one
    # finding is the direct call's own dropped coroutine
    check_marked('''
    import asyncio
    import concurrent.futures
    import functools
    import socketserver
    from websockets.sync.server import serve as sync_serve
    from aiohttp import web

    class Wire:
        def drain(self): ...

    async def pump(reader, writer):
        writer.drain()

    async def typed(reader, writer: Wire):
        writer.drain()

    async def unrelated(reader, writer):
        writer.drain()

    def ws_handler(ws):
        ws.send("x")

    class Server:
        async def handle(self, reader, writer):
            writer.drain()

        async def start(self):
            await asyncio.start_server(self.handle, "0.0.0.0", 1)
            await self.handle(None, Wire())

    def on_done(fut):
        print(fut.result())

    def on_pool_done(fut):
        print(fut.result())

    async def half(tag, request):
        request.json()

    async def keyed(reader, writer, tag):
        writer.drain()

    async def main():
        await asyncio.start_server(pump, "0.0.0.0", 1)
        await asyncio.start_server(typed, "0.0.0.0", 2)
        await pump(None, Wire())
        sync_serve(ws_handler, "localhost", 1)
        t = asyncio.ensure_future(asyncio.sleep(1))
        t.add_done_callback(on_done)
        pool = concurrent.futures.ThreadPoolExecutor()
        pool.submit(print).add_done_callback(on_pool_done)
        await asyncio.start_server(functools.partial(keyed, tag=b"x"), "0.0.0.0", 3)
        web.get("/", half)
        web.get("/", half)
        half(1, None)  # ACK301
    ''', CODES)


@pytest.mark.parametrize("annotation", ["asyncio.StreamWriter", "Wire"])
def test_annotation_wins(annotation):
    mark = "  # ACK301" if annotation == "asyncio.StreamWriter" else ""
    check_marked(f'''
        import asyncio

        class Wire:
            def drain(self): ...

        async def pump(reader, writer: {annotation}):
            writer.drain(){mark}

        async def main():
            await asyncio.start_server(pump, "127.0.0.1", 8888)
    ''', ["ACK301"])


def test_loop_callbacks_get_the_arguments_passed_after_them():
    # the loop runs them on its own thread: the queue touched there is no ACK401; `other` is also called directly
    check_marked('''
        import asyncio
        import socket
        import websockets

        def on_readable(sock, writer, q):
            data = sock.recv(100)
            writer.write(data)
            writer.drain()  # ACK301
            q.put_nowait(data)

        def later(ws):
            ws.close()  # ACK301

        def other(sock, writer, q):
            writer.drain()

        async def main(ws: websockets.ClientConnection):
            loop = asyncio.get_running_loop()
            s = socket.socket()
            reader, writer = await asyncio.open_connection("h", 1)
            q = asyncio.Queue(10)
            loop.add_reader(s.fileno(), on_readable, s, writer, q)
            loop.call_later(1, later, ws)
            loop.call_soon(other, s, writer, q)
            other(s, 1, 2)
    ''', CODES)


def test_decorated_or_unbound_handlers_stay_unknown():
    # a decorator's wrapper is what the server calls; a method read off its class is handed `reader` as `self`
    check_marked('''
        import asyncio
        import functools

        def logged(f):
            @functools.wraps(f)
            async def wrapper(reader, writer):
                return await f(reader, writer, 1)
            return wrapper

        @logged
        async def pump(reader, writer, extra):
            writer.drain()

        class Session:
            async def handle(self, reader, writer):
                writer.drain()

        async def main():
            await asyncio.start_server(pump, "h", 1)
            await asyncio.start_server(Session.handle, "h", 1)
            await asyncio.start_server(Session().handle, "h", 2)

            async def inner(reader, writer):
                writer.drain()  # ACK301
            await asyncio.start_server(inner, "h", 3)
    ''', CODES)


def test_thread_entries_type_what_they_pass_on():
    # threads.py names a parameter touched directly; typed, an alias of it and a coroutine method on it count too
    check_marked('''
        import asyncio
        import queue
        import threading
        from concurrent.futures import ThreadPoolExecutor

        def alias(q):
            box = q
            box.put_nowait(1)  # ACK401

        def drains(writer):
            writer.drain()  # ACK301

        def timer_job(loop, q):
            loop.call_soon(print)  # ACK402
            loop.call_soon_threadsafe(q.put_nowait, 1)

        def sync_queue(q):
            q.put_nowait(1)

        async def main(pool: ThreadPoolExecutor):
            q = asyncio.Queue(5)
            reader, writer = await asyncio.open_connection("h", 1)
            threading.Thread(target=alias, args=(q,)).start()
            await asyncio.to_thread(drains, writer)
            threading.Timer(1.0, timer_job, args=(asyncio.get_running_loop(), q)).start()
            pool.submit(sync_queue, queue.Queue())
    ''', CODES)
