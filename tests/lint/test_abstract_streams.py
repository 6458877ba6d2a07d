"""A parameter, field or return declared as an abstract stream (`IO[str]`, `TextIO`, `BinaryIO`), which a file and
an in-memory buffer both fit, is what its makers hand it: a file from `open()` does I/O in a coroutine (ACK103), an
`io.StringIO` does not, and neither does an aiofiles handle."""
from __future__ import annotations

from tests.lint.helpers import project_findings

CODES = ("ACK103",)


def test_abstract_streams_filled_by_another_modules_makers(tmp_path):
    found = project_findings(tmp_path, {
        "app/__init__.py": "",
        "app/makers.py": '''
            import io
            from typing import IO, TextIO

            def open_log(path: str) -> TextIO:
                return open(path, "a")

            def memory() -> IO[str]:
                return io.StringIO()
        ''',
        "app/sinks.py": '''
            from dataclasses import dataclass
            from typing import IO, BinaryIO, TextIO

            from app.makers import memory, open_log

            @dataclass
            class Sink:
                out: TextIO

            @dataclass
            class Buffer:
                out: IO[str]

            class Holder:
                def __init__(self, stream: BinaryIO):
                    self.stream = stream

                async def dump(self, data: bytes):
                    self.stream.write(data)

            async def to_sink(sink: Sink, buffer: Buffer):
                sink.out.write("x")
                buffer.out.write("x")

            async def made_here():
                log = open_log("a.log")
                log.write("x")
                mem = memory()
                mem.write("x")
        ''',
        "app/main.py": '''
            import io

            from app.sinks import Buffer, Holder, Sink

            SINK = Sink(out=open("sink.txt", "w"))
            BUFFER = Buffer(io.StringIO())
            HOLDER = Holder(open("blob.bin", "wb"))
        ''',
    }, CODES)
    assert found == {
        ("app/sinks.py", 19, "ACK103"),  # the holder's file, handed in by main
        ("app/sinks.py", 22, "ACK103"),  # the sink's field, filled with a file by main
        ("app/sinks.py", 26, "ACK103"),  # open_log() itself opens the file
        ("app/sinks.py", 27, "ACK103"),
    }, found


def test_a_field_its_makers_disagree_on_is_left_alone(tmp_path):
    found = project_findings(tmp_path, {
        "app/__init__.py": "",
        "app/sinks.py": '''
            import io
            from dataclasses import dataclass
            from typing import TextIO

            @dataclass
            class Sink:
                out: TextIO

            TEST_SINK = Sink(io.StringIO())

            async def to_sink(sink: Sink):
                sink.out.write("x")
        ''',
        "app/main.py": '''
            from app.sinks import Sink

            SINK = Sink(out=open("sink.txt", "w"))
        ''',
    }, CODES)
    assert found == set(), found
