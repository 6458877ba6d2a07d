"""Shapes found missing on an eleventh held-out set of realistic cases: each flagged shape beside the look-alikes
that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked

BLOCKING = ["ACK101", "ACK102", "ACK103", "ACK104", "ACK105", "ACK106", "ACK107", "ACK108"]


def test_a_robots_txt_parser_told_to_read_fetches_its_url():
    check_marked('''
        import asyncio
        import urllib.robotparser
        from urllib.robotparser import RobotFileParser

        class Politeness:
            def __init__(self) -> None:
                self.by_host: dict[str, RobotFileParser] = {}

            async def may_fetch(self, host: str, url: str) -> bool:
                parser = self.by_host.get(host)
                if parser is None:
                    parser = urllib.robotparser.RobotFileParser()
                    parser.set_url(f"https://{host}/robots.txt")
                    parser.read()  # ACK102
                    self.by_host[host] = parser
                return parser.can_fetch("bot", url)

        async def refresh(parser: RobotFileParser) -> None:
            parser.read()  # ACK102

        async def refresh_off_loop(parser: RobotFileParser, body: str) -> None:
            await asyncio.to_thread(parser.read)
            parser.parse(body.splitlines())  # lines fetched already: parsing stays in memory

        def refresh_sync(parser: RobotFileParser) -> None:
            parser.read()

        class Manifest:
            def read(self) -> str:
                return "cached"

        async def manifest_text(m: Manifest) -> str:
            return m.read()  # a method that merely shares the name
    ''', BLOCKING)
