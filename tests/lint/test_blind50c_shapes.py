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
