"""Shapes from the third round of reading findings on real code nobody here wrote (bench/real/real43-labels.tsv)."""
from __future__ import annotations

from .helpers import messages_by_line, named_findings, project_findings

CHANNEL = '''
    import asyncio


    class Channel:
        def __init__(self, conn, number, frame_buffer=None):
            self.conn = conn
            self.frames = asyncio.Queue(maxsize=frame_buffer or 0)

        async def feed(self, reader):
            while True:
                await self.frames.put(await reader.read())
'''


def _connection(call: str, second: str = "") -> str:
    return f'''
        from .channel import Channel


        class Connection:
            FRAME_BUFFER_SIZE = 10

            async def channel(self, number, frame_buffer_size: int = FRAME_BUFFER_SIZE, **kwargs):
                return {call}
        {second}
    '''


def test_queue_size_parameter_passed_by_the_maker_in_another_module(tmp_path):
    # the channel's `frame_buffer` defaults to None, but the connection's factory (another module, the only code
    # that makes channels) passes its own default of 10, beside `**kwargs` that cannot set it again
    files = {"pkg/__init__.py": "", "pkg/channel.py": CHANNEL,
             "pkg/connection.py": _connection("Channel(self, number, frame_buffer=frame_buffer_size, **kwargs)")}
    assert project_findings(tmp_path, files, ["ACK501"]) == set()
    assert named_findings(tmp_path, "pkg/channel.py", ["ACK501"]) == set()  # a file linted alone says the same


def test_queue_size_parameter_left_open_by_a_maker_in_another_module(tmp_path):
    # (a maker that hands None or 0 is also reported where it makes the channel, as before)
    flagged = ("pkg/channel.py", 7, "ACK501")
    for call, second in (("Channel(self, number, frame_buffer=None)", ""),
                         ("Channel(self, number, frame_buffer=0)", ""),
                         ("Channel(self, number)", ""),  # made without it: the default it keeps is no bound
                         # one maker passes a size, another of the same module leaves it out
                         ("Channel(self, number, frame_buffer=frame_buffer_size)",
                          "def spare(conn):\n            return Channel(conn, 0)")):
        files = {"pkg/__init__.py": "", "pkg/channel.py": CHANNEL, "pkg/connection.py": _connection(call, second)}
        assert flagged in project_findings(tmp_path, files, ["ACK501"]), call
    # made nowhere: judged as it reads
    assert project_findings(tmp_path, {"pkg/__init__.py": "", "pkg/channel.py": CHANNEL,
                                       "pkg/connection.py": "import asyncio\n"}, ["ACK501"]) == {flagged}


LISTENER = '''
    import asyncio


    class ListenerQueue:
        def __init__(self, query_id):
            self.query_id = query_id
            self._queue = asyncio.Queue()  # ACK501
            self._closed = False

        async def get(self):
            item = await self._queue.get()
            if item is None:
                self._closed = True
            return item

        async def put(self, item):
            if not {guard}:
                await {queue}.put(item)

        async def set_exception(self, exception):
            await self._queue.put(exception)
            self._closed = True
'''


def test_queue_producer_named_is_the_stream_not_the_put_that_closes_it():
    # `set_exception()` puts the error and sets the flag under which `put()` stops feeding the queue: the stream is
    # `put()`, the error its last word; the finding names `put()`
    messages = messages_by_line(LISTENER.format(guard="self._closed", queue="self._queue"), ["ACK501"])
    assert list(messages) == ["self._queue = asyncio.Queue()  # ACK501"]
    assert "fills it in `put()`" in messages["self._queue = asyncio.Queue()  # ACK501"]


def test_queue_put_then_flag_that_guards_no_put_of_that_queue_is_still_a_producer():
    # the flag set after the put guards another flag's test, or puts into another queue: nothing stops a stream
    # behind the error, so `set_exception()` is judged as any method that queues what it is handed
    for guard, queue in (("self._paused", "self._queue"), ("self._closed", "self._other")):
        source = LISTENER.format(guard=guard, queue=queue).replace(
            "self._closed = False", "self._closed = self._paused = False\n        self._other = []")
        messages = messages_by_line(source, ["ACK501"])
        assert any("fills it in `set_exception()`" in m for m in messages.values()), (guard, queue)
