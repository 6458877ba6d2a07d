"""False-alarm shapes found by linting real asyncio applications (mitmproxy, dask distributed, ipykernel,
jupyter_server, kopf, textual, faust, ...): each look-alike must stay clean, beside the case it must still flag."""
from tests.lint.helpers import check_marked


def test_a_class_body_reads_a_name_it_binds_later_from_the_module():
    # The class body runs top to bottom: `cast` here is typing.cast, not the coroutine method defined below it.
    check_marked(
        """
        from typing import cast


        class Agent:
            supervisor: int = cast(int, None)

            async def cast(self, value):
                return value

            async def send(self, value):
                self.cast(value)  # ACK301


        class Early:
            async def make(self):
                return 1

            made = make(None)  # ACK301
        """,
        ["ACK301"],
    )


def test_a_tornado_ioloop_runs_the_coroutine_a_callback_returns():
    check_marked(
        """
        import asyncio
        from tornado.ioloop import IOLoop


        class Kernel:
            def __init__(self, loop: asyncio.AbstractEventLoop):
                self.loop = loop
                self.io_loop = IOLoop.current()

            async def refresh(self):
                pass

            def schedule(self):
                self.io_loop.call_later(1, self.refresh)
                IOLoop.current().call_later(1, self.refresh)
                self.loop.call_later(1, self.refresh)  # ACK301


        class Misnamed:
            def __init__(self):
                self.io_loop = asyncio.get_running_loop()

            async def refresh(self):
                pass

            def schedule(self):
                self.io_loop.call_later(1, self.refresh)  # ACK301
        """,
        ["ACK301"],
    )


def test_a_method_decorated_to_run_in_a_worker_thread_does_not_block_its_callers():
    check_marked(
        """
        from textual import work


        class Page:
            @work(thread=True)
            def get_code(self, path):
                with open(path) as f:
                    return f.read()

            @work(thread=False)
            def get_inline(self, path):
                with open(path) as f:
                    return f.read()

            def read_now(self, path):
                with open(path) as f:
                    return f.read()

            async def show(self, path):
                worker = self.get_code(path)
                await worker.wait()
                self.get_inline(path)  # ACK103
                self.read_now(path)  # ACK103
        """,
        ["ACK103"],
    )


def test_numeric_only_flags_from_a_module_constant_make_getaddrinfo_parse_instead_of_resolve():
    check_marked(
        """
        import socket

        _NUMERIC_ONLY = socket.AI_NUMERICHOST | socket.AI_NUMERICSERV
        _PASSIVE = socket.AI_PASSIVE | socket.AI_CANONNAME


        async def resolve(host, port):
            try:
                return socket.getaddrinfo(host, port, flags=_NUMERIC_ONLY)
            except socket.gaierror:
                pass
            return socket.getaddrinfo(host, port, flags=_PASSIVE)  # ACK105
        """,
        ["ACK105"],
    )


def test_an_archive_over_an_in_memory_buffer_touches_no_file():
    check_marked(
        """
        import io
        import tarfile
        import zipfile


        def zip_bytes(output, files):
            buffer = io.BytesIO()
            archive = zipfile.ZipFile(buffer, mode="w")
            for name, data in files.items():
                archive.writestr(name, data)
            archive.close()
            return buffer.getvalue()


        def zip_with_a_file_from_disk(path):
            buffer = io.BytesIO()
            archive = zipfile.ZipFile(buffer, mode="w")
            archive.write(path)
            return buffer.getvalue()


        async def respond(files, data, path):
            zip_bytes("out", files)
            with tarfile.open(fileobj=io.BytesIO(data)) as in_memory:
                in_memory.getnames()
            zip_with_a_file_from_disk(path)  # ACK103
            with zipfile.ZipFile(path) as on_disk:  # ACK103
                on_disk.namelist()
            with tarfile.open(path) as tar:  # ACK103
                tar.getnames()  # ACK103
        """,
        ["ACK103"],
    )


def test_connecting_a_udp_socket_to_a_numeric_host_sends_nothing():
    # The usual way to find the local address: a UDP socket only records its peer. A host name is resolved.
    check_marked(
        """
        import socket


        def local_ip(host="8.8.8.8", port=80):
            sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            try:
                sock.connect((host, port))
                return sock.getsockname()[0]
            finally:
                sock.close()


        def reachable(host, port):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.connect((host, port))
            sock.close()


        async def start(scheduler_host):
            local_ip()
            local_ip("10.0.0.1")
            udp = socket.socket(socket.AF_INET, type=socket.SOCK_DGRAM)
            udp.connect(("192.0.2.1", 9))
            udp.connect(("example.com", 9))  # ACK105
            local_ip(scheduler_host)  # ACK105
            reachable("10.0.0.1", 80)  # ACK105
        """,
        ["ACK105"],
    )


def test_connecting_to_a_listener_this_code_just_made_completes_at_once():
    check_marked(
        """
        import socket


        def has_ipv6():
            server = client = None
            try:
                server = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
                server.bind(("::", 0))
                server.listen(5)
                client = socket.create_connection(server.getsockname()[:2])
                return True
            except OSError:
                return False
            finally:
                if client is not None:
                    client.close()
                if server is not None:
                    server.close()


        def ping(server):
            client = socket.create_connection(server.getsockname())
            client.close()


        async def check(server):
            has_ipv6()
            ping(server)  # ACK105
        """,
        ["ACK105"],
    )
