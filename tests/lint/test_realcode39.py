"""Shapes found wrong or overclaimed on real async libraries and SDKs (realcode39: a Kafka client, two AMQP
clients, an MQTT client, a PostgreSQL driver, a MongoDB driver, a job queue, a task queue, a cache, an SMTP client,
an SSH library, a gRPC library, a Docker client, an mDNS library, a Bluetooth LE library): each beside the real
anti-pattern of its kind, which is still reported."""
from __future__ import annotations

from .helpers import check_marked, project_findings


def test_aexit_return_true_after_a_chain_that_lets_other_exceptions_go():
    # a server stream's `__aexit__`: an isinstance chain on the exception whose `else:` returns None, so what
    # reaches the final `return True` is no exception or an `Exception`; a cancellation left on the way
    check_marked('''
        import asyncio


        class Reply:
            async def __aexit__(self, exc_type, exc_val, exc_tb):
                if self._done:
                    return True
                if exc_val is not None:
                    if isinstance(exc_val, KeyError):
                        code = 1
                    elif isinstance(exc_val, Exception):
                        code = 2
                    else:
                        return None
                else:
                    code = 0
                await self.finish(code)
                return True


        class ReplyRaising:
            async def __aexit__(self, exc_type, exc_val, exc_tb):
                if exc_type is not None:
                    if issubclass(exc_type, Exception):
                        await self.report(exc_val)
                    else:
                        raise exc_val
                await self.finish()
                return True


        class Sloppy:
            async def __aexit__(self, exc_type, exc_val, exc_tb):
                if exc_val is not None:
                    if isinstance(exc_val, KeyError):
                        code = 1
                    else:
                        code = 2
                else:
                    code = 0
                await self.finish(code)
                return True  # ACK601


        class ByState:
            async def __aexit__(self, exc_type, exc_val, exc_tb):
                if self._strict:
                    code = 1
                else:
                    return False
                await self.finish(code)
                return True  # ACK601


        class Plain:
            async def __aexit__(self, exc_type, exc_val, exc_tb):
                await self.finish()
                return True  # ACK601
    ''', ["ACK601"])


def test_thread_hands_the_loop_it_made_to_another_modules_setup(tmp_path):
    # an mDNS library's loop thread: `self.loop = new_event_loop()`, then `self.engine.setup(self.loop, ready)`
    # (another module's method that calls `loop.create_task`), then `self.loop.run_forever()`: the helper schedules
    # on that loop from its own thread. Handed a loop the thread did not make, it is still another thread's loop.
    found = project_findings(tmp_path, {
        "svc/__init__.py": "",
        "svc/engine.py": '''
            import asyncio


            class Engine:
                def setup(self, loop: asyncio.AbstractEventLoop, ready) -> None:
                    self.loop = loop
                    self._task = loop.create_task(self._start(ready))

                async def _start(self, ready):
                    ready.set()
        ''',
        "svc/core.py": '''
            import asyncio
            import threading

            from svc.engine import Engine


            class Beacon:
                def __init__(self):
                    self.engine = Engine()
                    self.loop = None

                def start_thread(self):
                    ready = threading.Event()

                    def run_loop():
                        self.loop = asyncio.new_event_loop()
                        asyncio.set_event_loop(self.loop)
                        self.engine.setup(self.loop, ready)
                        self.loop.run_forever()

                    self._thread = threading.Thread(target=run_loop, daemon=True)
                    self._thread.start()
                    ready.wait()

                def start_on(self, loop):
                    def run_loop():
                        self.engine.setup(loop, None)

                    threading.Thread(target=run_loop).start()
        ''',
    }, ["ACK402"])
    assert found == {("svc/core.py", 27, "ACK402")}


def test_queue_whose_consumer_acknowledges_each_item_to_the_sender():
    # an HTTP/2 stream's receive buffer: the protocol callback puts what arrives, the reader acknowledges each chunk
    # it takes (a window update), so the peer cannot send past the window; the same buffer without the
    # acknowledgement grows with whatever the peer sends
    check_marked('''
        import asyncio


        class StreamBuffer:
            def __init__(self, ack_callback):
                self._ack = ack_callback
                self._unacked = asyncio.Queue()

            def add(self, data, ack_size):
                self._unacked.put_nowait((data, ack_size))

            async def read(self, size):
                got = []
                while sum(map(len, got)) < size:
                    data, ack_size = await self._unacked.get()
                    got.append(data)
                    self._ack(ack_size)
                return b"".join(got)


        class WindowedBuffer:
            def __init__(self, conn, stream_id):
                self._conn, self._id = conn, stream_id
                self._chunks = asyncio.Queue()

            def add(self, data):
                self._chunks.put_nowait(data)

            async def read(self):
                data = await self._chunks.get()
                self._conn.increment_flow_control_window(len(data), self._id)
                return data


        class Protocol(asyncio.Protocol):
            def __init__(self):
                self.buffer = StreamBuffer(self.send_window_update)
                self.windowed = WindowedBuffer(self, 1)
                self.plain = PlainBuffer()

            def data_received(self, data):
                self.buffer.add(data, len(data))
                self.windowed.add(data)
                self.plain.add(data)


        class PlainBuffer:
            def __init__(self):
                self._chunks = asyncio.Queue()  # ACK501

            def add(self, data):
                self._chunks.put_nowait(data)

            async def read(self):
                data = await self._chunks.get()
                self.received += len(data)
                return data
    ''', ["ACK501"])


def test_queue_size_parameter_every_maker_of_the_class_passes():
    # an AMQP channel: `Queue(maxsize=frame_buffer or 0)` with `frame_buffer=None` in `__init__`, but the connection's
    # factory, the only code here that makes channels, passes `frame_buffer=frame_buffer_size` (default 10); a class
    # made once without the argument (or with 0), or made nowhere here, keeps its unbounded default
    check_marked('''
        import asyncio


        class Channel:
            def __init__(self, conn, number, frame_buffer=None):
                self.conn = conn
                self.frames = asyncio.Queue(maxsize=frame_buffer or 0)

            def on_frame(self, frame):
                self.frames.put_nowait(frame)


        class Connection:
            FRAME_BUFFER = 10

            def __init__(self):
                self.channels = {}

            def channel(self, number, frame_buffer_size: int = FRAME_BUFFER):
                channel = Channel(self, number, frame_buffer=frame_buffer_size)
                self.channels[number] = channel
                return channel

            def data_received(self, data):
                for frame in parse(data):
                    self.channels[frame.channel].on_frame(frame)


        class Topic:
            def __init__(self, name, backlog=None):
                self.events = asyncio.Queue(maxsize=backlog or 0)  # ACK501

            def on_event(self, event):
                self.events.put_nowait(event)


        class Hub:
            def topic(self, name):
                return Topic(name)

            def open(self, name, backlog=0):
                return Topic(name, backlog)

            def data_received(self, data):
                for event in parse(data):
                    self.topics[event.topic].on_event(event)


        class Mailbox:
            def __init__(self, size=None):
                self.items = asyncio.Queue(maxsize=size or 0)  # ACK501

            def on_item(self, item):
                self.items.put_nowait(item)

            def data_received(self, data):
                for item in parse(data):
                    self.on_item(item)
    ''', ["ACK501"])
