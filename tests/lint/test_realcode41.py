"""Shapes found by linting more real asyncio libraries and SDKs (messaging clients, device protocols, ASGI
servers): each look-alike must stay clean, beside the close case of the same shape that must still flag."""
from tests.lint.helpers import check_marked


def test_the_position_of_a_stream_parameter_the_function_only_reads_moves_no_data():
    # `size = src.seek(0, 2); src.seek(0)` on a stream handed in (or, failing that, opened here for reading) to
    # size an upload: no write buffer of this function's to flush, so only the lseek() runs. The open() and the
    # reads are still reported, and so is the position of a stream this function writes, or of one whose
    # declaration does not say it is a stream.
    check_marked(
        """
        from typing import IO, Optional

        async def upload(session, url, path, source: Optional[IO[bytes]] = None):
            if source is None:
                source = open(path, "rb")  # ACK103
            size = source.seek(0, 2)
            source.seek(0)
            await session.put(url, data=source, headers={"Content-Length": str(size)})

        async def append_log(path, line, log: Optional[IO[bytes]] = None):
            if log is None:
                log = open(path, "rb+")  # ACK103
            log.seek(0, 2)  # ACK103
            log.write(line)  # ACK103

        async def measure(handle, path):
            if handle is None:
                handle = open(path, "rb")  # ACK103
            return handle.seek(0, 2)  # ACK103
        """,
        {"ACK103"},
    )
