"""Shapes the lead's blind sets of session 50 (bench/heldout/lint/blind50c-set4) showed missing: an uploaded file's
sync `file` in a Starlette or FastAPI handler (ACK103), and Django's ORM on the model class `get_user_model()` or
`apps.get_model()` hands out (ACK105). Look-alikes: the upload's async methods, a spool the code makes itself (in
memory until it passes its `max_size`), sync handlers, and the ORM's `a`-prefixed twins."""
from __future__ import annotations

from .helpers import check_marked, messages_by_line


def test_an_uploads_sync_file_in_a_coroutine():
    check_marked('''
        import tempfile

        from fastapi import UploadFile
        from starlette.datastructures import UploadFile as StarletteUpload


        async def import_rows(file: UploadFile) -> int:
            raw = file.file.read()  # ACK103
            return raw.count(b"\\n")


        async def rewind(up: StarletteUpload) -> bytes:
            up.file.seek(0)  # ACK103
            return await up.read()


        async def import_rows_async(file: UploadFile) -> int:
            raw = await file.read()
            await file.seek(0)
            return raw.count(b"\\n")


        async def spool(data: bytes):
            buffer = tempfile.SpooledTemporaryFile(max_size=1 << 20)
            buffer.write(data)
            buffer.seek(0)
            return buffer


        def import_rows_sync(file: UploadFile) -> int:
            return file.file.read().count(b"\\n")
    ''', ["ACK103"])


def test_the_upload_message_points_at_its_async_methods():
    found = messages_by_line('''
        from fastapi import UploadFile


        async def size(file: UploadFile) -> int:
            return len(file.file.read())
    ''', ["ACK103"])
    message = found["return len(file.file.read())"]
    assert "the upload's spool" in message and "await upload.read()" in message


def test_the_orm_on_model_classes_django_hands_out():
    check_marked('''
        from django.apps import apps
        from django.contrib.auth import get_user_model

        User = get_user_model()


        async def profile(pk: int):
            return User.objects.get(pk=pk)  # ACK105


        async def order_count(pk: int) -> int:
            Order = apps.get_model("shop", "Order")
            return Order.objects.filter(customer=pk).count()  # ACK105


        async def register(name: str):
            user = get_user_model()(username=name)
            user.save()  # ACK105


        async def profile_async(pk: int):
            return await User.objects.aget(pk=pk)


        def profile_sync(pk: int):
            return User.objects.get(pk=pk)
    ''', ["ACK105"])


def test_icmp_probes_wait_for_their_replies():
    check_marked('''
        import icmplib
        import ping3


        async def alive(host: str) -> bool:
            return icmplib.ping(host, count=1, privileged=False).is_alive  # ACK105


        async def rtt(host: str):
            return ping3.ping(host, timeout=1)  # ACK105


        async def alive_async(host: str) -> bool:
            return (await icmplib.async_ping(host, count=1, privileged=False)).is_alive


        def alive_sync(host: str) -> bool:
            return icmplib.ping(host, count=1, privileged=False).is_alive
    ''', ["ACK105"])


def test_the_async_influx_clients_requests_are_coroutines():
    check_marked('''
        import logging

        from influxdb_client.client.influxdb_client_async import InfluxDBClientAsync

        log = logging.getLogger(__name__)


        class Sink:
            def __init__(self, url: str, token: str, org: str) -> None:
                self.client = InfluxDBClientAsync(url=url, token=token, org=org)

            async def ship(self, bucket: str, points: list) -> None:
                self.client.write_api().write(bucket=bucket, record=points)  # ACK301
                log.debug("shipped %d", len(points))

            async def ship_awaited(self, bucket: str, points: list) -> None:
                await self.client.write_api().write(bucket=bucket, record=points)

            async def rows(self, query: str):
                return await self.client.query_api().query(query)
    ''', ["ACK301"])


def test_a_file_lock_held_across_an_await():
    check_marked('''
        import asyncio

        from filelock import AsyncFileLock, FileLock


        async def rewrite(path: str, text: str) -> None:
            with FileLock(path + ".lock"):  # ACK201
                await asyncio.sleep(0)


        async def rewrite_released(path: str, text: str) -> None:
            with FileLock(path + ".lock", timeout=0):
                marker = path + ".done"
            await asyncio.sleep(0)


        async def rewrite_async(path: str) -> None:
            async with AsyncFileLock(path + ".lock"):
                await asyncio.sleep(0)


        def rewrite_sync(path: str) -> None:
            with FileLock(path + ".lock"):
                pass
    ''', ["ACK201"])
