"""A log scanner handing its big regular-expression pass to a thread; short lines are matched inline."""
import asyncio
import re

LINE = re.compile(r"(\d+\.\d+\.\d+\.\d+) - - \[[^\]]+\] \"(GET|POST) ([^ ]+) HTTP/1\.1\" (\d{3})")


def make_log(n):
    return "\n".join(f'10.0.{i % 256}.{i % 7} - - [04/Dec/2026:10:00:00] "GET /item/{i} HTTP/1.1" {200 + i % 3}' for i in range(n))


def count_errors(text):
    return sum(1 for m in LINE.finditer(text) if m.group(4) != "200")


async def report(text):
    first = count_errors(text[:2000])
    errors = await asyncio.to_thread(count_errors, text)
    return first > 0, errors


TEXT = make_log(300_000)


async def main():
    print("errors", await report(TEXT))


asyncio.run(main())
