"""Shapes a blind set in the corpus-sample's style (session 53) missed: a class's own tuple of retryable errors,
queue sizes that come to 0 or less from a command line's default, a config file's fallback, `math.inf` or a
caller of a bounded factory. Each flagged shape beside its look-alikes."""
from __future__ import annotations

from .helpers import check_marked, project_findings


def test_a_class_attribute_tuple_of_retryable_errors_is_read_like_a_module_one():
    check_marked('''
        import asyncio
        import httpx

        class Archiver:
            RETRY_ON: tuple = (httpx.HTTPError, asyncio.CancelledError)

            def __init__(self, client) -> None:
                self.client = client

            async def upload(self, path, data) -> bool:
                for _ in range(3):
                    try:
                        await self.client.put(path, content=data)
                        return True
                    except self.RETRY_ON:  # ACK601
                        await asyncio.sleep(1)
                return False

            @classmethod
            async def upload_with(cls, client, path, data) -> bool:
                for _ in range(3):
                    try:
                        await client.put(path, content=data)
                        return True
                    except cls.RETRY_ON:  # ACK601
                        await asyncio.sleep(1)
                return False

        class ArchiverErrors:
            RETRY_ON = (httpx.HTTPError, OSError)

            def __init__(self, client) -> None:
                self.client = client

            async def upload(self, path, data) -> bool:
                for _ in range(3):
                    try:
                        await self.client.put(path, content=data)
                        return True
                    except self.RETRY_ON:
                        await asyncio.sleep(1)
                return False

        class ArchiverConfigured:
            RETRY_ON = (httpx.HTTPError, asyncio.CancelledError)

            def __init__(self, client, retry_on: tuple) -> None:
                self.client = client
                self.RETRY_ON = retry_on  # each instance's own: not the class's tuple

            async def upload(self, path, data) -> bool:
                for _ in range(3):
                    try:
                        await self.client.put(path, content=data)
                        return True
                    except self.RETRY_ON:
                        await asyncio.sleep(1)
                return False
    ''', ["ACK601", "ACK602"])


def test_a_size_from_a_config_files_fallback_or_a_command_lines_default():
    check_marked('''
        import argparse
        import asyncio
        import configparser

        def parse_args(argv=None) -> argparse.Namespace:
            parser = argparse.ArgumentParser()
            parser.add_argument("--holds-backlog", type=int, default=0)
            parser.add_argument("--release-backlog", type=int, default=500)
            parser.add_argument("-w", dest="jobs_backlog", type=int, default=0)
            parser.add_argument("--verbose", action="store_true")
            return parser.parse_args(argv)

        class Bridge:
            def __init__(self, args: argparse.Namespace, cp: configparser.ConfigParser) -> None:
                self.holds = asyncio.Queue(args.holds_backlog)  # ACK501
                self.jobs = asyncio.Queue(args.jobs_backlog)  # ACK501
                self.releases = asyncio.Queue(args.release_backlog)
                size = cp.getint("channels", "moves", fallback=0)
                self.moves = asyncio.Queue(size)  # ACK501
                self.alarms = asyncio.Queue(cp.getint("channels", "alarms", fallback=64))
                self.reads = asyncio.Queue(cp.getint("channels", "reads"))

            async def on_event(self, kind: str, item) -> None:
                await self.holds.put(item)
                await self.jobs.put(item)
                await self.releases.put(item)
                await self.moves.put(item)
                await self.alarms.put(item)
                await self.reads.put(item)
    ''', ["ACK501"])


def test_a_size_of_infinity_is_no_bound():
    check_marked('''
        import asyncio
        import math

        NO_LIMIT = float("inf")

        class Feed:
            def __init__(self) -> None:
                self.lines = asyncio.Queue(maxsize=math.inf)  # ACK501
                self.frames = asyncio.Queue(NO_LIMIT)  # ACK501
                self.acks = asyncio.Queue(maxsize=math.floor(2.5))

            async def feed(self, reader) -> None:
                async for line in reader:
                    await self.lines.put(line)
                    await self.frames.put(line)
                    await self.acks.put(line)
    ''', ["ACK501"])


def test_a_bounded_factory_handed_zero_makes_an_unbounded_queue(tmp_path):
    check_marked('''
        import asyncio

        def channel(size: int = 128) -> asyncio.Queue:
            return asyncio.Queue(size)

        class Gauge:
            def __init__(self) -> None:
                self.tips = channel(0)  # ACK501
                self.drops = channel(size=-1)  # ACK501
                self.levels = channel()
                self.flows = channel(16)

            async def on_tip(self, mm: float) -> None:
                for q in (self.tips, self.drops, self.levels, self.flows):
                    await q.put(mm)
    ''', ["ACK501"])
    found = project_findings(tmp_path, {
        "farm/__init__.py": "",
        "farm/base.py": '''
            import asyncio

            def channel(size: int = 128) -> asyncio.Queue:
                return asyncio.Queue(size)
        ''',
        "farm/devices.py": '''
            from farm.base import channel

            class Gauge:
                def __init__(self) -> None:
                    self.tips = channel(0)
                    self.levels = channel()
                    self.flows = channel(16)
        ''',
    }, ["ACK501"])
    assert found == {("farm/devices.py", 5, "ACK501")}
