"""Shapes a blind probe (an MQTT gateway, scrapers, a deploy CLI, numeric jobs, mail, cloud and search clients,
GraphQL and gRPC servers) missed. Each flagged shape beside its look-alikes."""
from __future__ import annotations

from .helpers import check_marked, project_findings


def test_an_attribute_holding_a_library_generics_type_argument_has_that_type():
    check_marked('''
        import asyncio
        from typing import Optional
        import psycopg2.extensions
        import redis
        import strawberry
        from discord.ext import commands
        from pydantic_ai import RunContext
        from strawberry.types import Info

        class Repo:
            async def cancel(self, order_id: str) -> None: ...

            def table(self) -> str:
                return "orders"

        class Ctx:
            def __init__(self, repo: Repo, reports: psycopg2.extensions.connection, cache: redis.Redis) -> None:
                self.repo = repo
                self.reports = reports
                self.cache = cache

        class Bot(commands.Bot):
            def __init__(self, cache: redis.Redis) -> None:
                self.cache = cache

        @strawberry.type
        class Mutation:
            @strawberry.mutation
            async def cancel(self, info: Info[Ctx, None], order_id: str) -> bool:
                info.context.repo.cancel(order_id)  # ACK301
                info.context.cache.set(order_id, "cancelled")  # ACK105
                return True

            @strawberry.mutation
            async def cancel_ok(self, info: Info[Ctx, None], order_id: str) -> bool:
                await info.context.repo.cancel(order_id)
                await asyncio.to_thread(info.context.cache.set, order_id, "cancelled")
                return info.context.repo.table() == "orders"

            @strawberry.mutation
            async def root_is_not_context(self, info: Info[None, Ctx], order_id: str) -> bool:
                info.context.repo.cancel(order_id)
                info.root_value.repo.cancel(order_id)  # ACK301
                return True

        async def lookup(ctx: RunContext[Ctx], order_id: str) -> str:
            ctx.deps.repo.cancel(order_id)  # ACK301
            return ctx.deps.repo.table()

        async def untyped_context(info: Info, order_id: str) -> None:
            info.context.repo.cancel(order_id)

        async def maybe_given(info: Optional[Info[Ctx, None]], order_id: str) -> None:
            if info is not None:
                info.context.repo.cancel(order_id)  # ACK301
                info.context.cancel(order_id)

        async def from_a_list(infos: "list[Info[Ctx, None]]", order_id: str) -> None:
            for info in infos:
                info.context.repo.cancel(order_id)  # ACK301

        async def flush(ctx: commands.Context[Bot]) -> None:
            ctx.bot.cache.flushdb()  # ACK105
    ''', ["ACK301", "ACK102", "ACK105"])


def test_typed_stub_clients_of_aiobotocore_are_async_and_boto3s_block():
    check_marked('''
        from typing import TYPE_CHECKING

        if TYPE_CHECKING:
            from mypy_boto3_s3.client import S3Client
            from types_aiobotocore_s3 import S3Client as AsyncS3Client
            from types_aiobotocore_s3.client import S3Client as AsyncS3ClientToo

        async def archive(s3: "AsyncS3Client", key: str, data: bytes) -> None:
            s3.put_object(Bucket="archive", Key=key, Body=data)  # ACK301

        async def archive_too(s3: "AsyncS3ClientToo", key: str) -> None:
            s3.delete_object(Bucket="archive", Key=key)  # ACK301

        async def archive_ok(s3: "AsyncS3Client", key: str, data: bytes) -> None:
            await s3.put_object(Bucket="archive", Key=key, Body=data)

        async def pages(s3: "AsyncS3Client", prefix: str) -> list:
            paginator = s3.get_paginator("list_objects_v2")
            return [p async for p in paginator.paginate(Bucket="archive", Prefix=prefix)]

        async def original(s3: "S3Client", key: str) -> bytes:
            return s3.get_object(Bucket="originals", Key=key)["Body"].read()  # ACK102
    ''', ["ACK301", "ACK102"])


def test_aiosmtplib_is_async_and_a_union_of_aioimaplib_clients_is_one_client():
    check_marked('''
        from typing import Union
        import aioimaplib
        import aiosmtplib
        import smtplib

        MailClient = Union[aioimaplib.IMAP4_SSL, aioimaplib.IMAP4]

        async def notify(msg) -> None:
            aiosmtplib.send(msg, hostname="smtp.example.org")  # ACK301

        async def notify_ok(msg) -> None:
            await aiosmtplib.send(msg, hostname="smtp.example.org")

        class Outbox:
            def __init__(self) -> None:
                self.smtp: aiosmtplib.SMTP = aiosmtplib.SMTP(hostname="smtp.example.org", start_tls=True)

            async def close(self) -> None:
                if self.smtp.is_connected:
                    self.smtp.quit()  # ACK301

            async def close_ok(self) -> None:
                if self.smtp.is_connected and self.smtp.supports_extension("pipelining"):
                    await self.smtp.quit()
                self.smtp.close()

        async def legacy(relay: smtplib.SMTP, msg) -> None:
            relay.send_message(msg)  # ACK105

        async def mark_seen(client: MailClient, uid: str) -> None:
            client.uid("store", uid, "+FLAGS", r"(\\Seen)")  # ACK301

        async def idle(client: MailClient) -> None:
            waiting = await client.idle_start(timeout=60)
            await client.wait_server_push()
            client.idle_done()
            await waiting
    ''', ["ACK301", "ACK105", "ACK102"])


def test_numpy_arrays_scipy_io_and_lxml_parsers_touch_the_files_they_are_given():
    check_marked('''
        import asyncio
        import io
        import lxml.html
        import numpy as np
        import numpy.typing as npt
        from lxml import etree
        from scipy import io as sio
        from scipy.io import wavfile

        Signal = npt.NDArray[np.float64]

        async def export_raw(samples: Signal, out) -> None:
            samples.astype(np.float32).tofile(out)  # ACK103

        async def export_pickled(samples: np.ndarray, out) -> None:
            samples.reshape(-1).dump(out)  # ACK103

        async def export_ok(samples: Signal, out) -> bytes:
            await asyncio.to_thread(samples.astype(np.float32).tofile, out)
            return samples.astype(np.float32).tobytes()

        def export_sync(samples: Signal, out) -> None:
            samples.tofile(out)

        async def listing(url: str) -> list:
            return lxml.html.parse(url).xpath("//a/@href")  # ACK103

        async def listing_remote() -> list:
            return lxml.html.parse("https://example.org/list").xpath("//a/@href")  # ACK102

        async def events(path) -> None:
            for _event, element in etree.iterparse(path):  # ACK103
                element.clear()

        async def listing_ok(body: bytes, text: str) -> tuple:
            return lxml.html.parse(io.BytesIO(body)), lxml.html.fromstring(text), etree.fromstring(body)

        async def export_mat(path: str, speeds: list) -> None:
            sio.savemat(path, {"speeds": np.asarray(speeds)})  # ACK103
            rate, samples = wavfile.read(path)  # ACK103

        async def export_mat_ok(blob: bytes, speeds: list) -> None:
            sio.savemat(io.BytesIO(), {"speeds": np.asarray(speeds)})
            rate, samples = wavfile.read(io.BytesIO(blob))
            await asyncio.to_thread(sio.savemat, "speeds.mat", {"speeds": np.asarray(speeds)})
    ''', ["ACK102", "ACK103"])


def test_a_coroutine_bound_and_handed_to_another_modules_function_declared_to_take_a_result(tmp_path):
    found = project_findings(tmp_path, {
        "pyproject.toml": '[project]\nname = "scrape"\n',
        "scrape/__init__.py": "",
        "scrape/parse.py": '''
            from typing import Optional

            def prices(html: str, *, currency: Optional[str] = None) -> list:
                return html.split()

            def anything(doc, note: str = "") -> list:
                return [doc, note]

            def register(handler) -> None:
                pass
        ''',
        "scrape/spiders.py": '''
            import aiohttp
            from scrape.parse import anything, prices, register

            async def listing(session: aiohttp.ClientSession, url: str) -> list:
                async with session.get(url) as resp:
                    body = resp.text()
                return prices(body)

            async def listing_by_keyword(session: aiohttp.ClientSession, url: str) -> list:
                async with session.get(url) as resp:
                    body = resp.text()
                return prices(html=body)

            async def listing_ok(session: aiohttp.ClientSession, url: str) -> list:
                async with session.get(url) as resp:
                    body = await resp.text()
                return prices(body)

            async def handed_on(session: aiohttp.ClientSession, url: str) -> list:
                async with session.get(url) as resp:
                    body = resp.text()
                return anything(body)

            async def handed_to_a_taker(session: aiohttp.ClientSession, url: str) -> None:
                async with session.get(url) as resp:
                    pending = resp.text()
                register(pending)

            async def listing_inline(session: aiohttp.ClientSession, url: str) -> list:
                async with session.get(url) as resp:
                    return prices(resp.text())

            async def inline_handed_on(session: aiohttp.ClientSession, url: str) -> list:
                async with session.get(url) as resp:
                    return anything(resp.text())
        ''',
    }, ["ACK301"])
    # the `resp.text()` of listing, listing_by_keyword and listing_inline
    assert found == {("scrape/spiders.py", 6, "ACK301"), ("scrape/spiders.py", 11, "ACK301"),
                     ("scrape/spiders.py", 31, "ACK301")}


def test_a_coroutine_handed_straight_to_a_parameter_declared_a_plain_value():
    check_marked('''
        import asyncio
        from typing import Awaitable
        import aiohttp

        def parse(html: str) -> list:
            return html.split()

        def parse_later(html: Awaitable[str]) -> Awaitable[str]:
            return html

        async def listing(session: aiohttp.ClientSession, url: str) -> list:
            async with session.get(url) as resp:
                return parse(resp.text())  # ACK301

        async def listing_awaitable(session: aiohttp.ClientSession, url: str) -> list:
            async with session.get(url) as resp:
                return await parse_later(resp.text())

        async def listing_ok(session: aiohttp.ClientSession, url: str) -> list:
            async with session.get(url) as resp:
                return parse(await resp.text())

        async def gathered(session: aiohttp.ClientSession, urls: list) -> list:
            return await asyncio.gather(*(session.get(u) for u in urls))
    ''', ["ACK301"])
