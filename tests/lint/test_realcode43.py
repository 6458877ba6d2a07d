"""Shapes from the third round of reading findings on real code nobody here wrote (bench/real/real43-labels.tsv)."""
from __future__ import annotations

from .helpers import named_findings, project_findings

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
