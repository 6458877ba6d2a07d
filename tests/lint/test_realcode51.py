"""Shapes found wrong or overclaimed on real async applications and libraries (realcode51: a chat-bot manager, a
multi-user notebook hub, a research agent, a web UI framework, a notebook kernel, a bot framework, an agent chat
library; a media-device library, a Zigbee stack, a device API client, a messaging client, a QUIC stack, a task
queue, an async ORM): each beside the real anti-pattern of its kind, which is still reported."""
from __future__ import annotations

from .helpers import check_marked


def test_digest_of_text_the_function_assembled_in_a_buffer():
    # a pairing check hashes a guid and a four-digit pin it wrote piece by piece into a StringIO: as short as the
    # same text joined with `+`, which is not a slow hash either; a buffer a reader filled is a whole body
    check_marked('''
        import hashlib
        import io
        from io import BytesIO, StringIO


        class Pairing:
            def _expected(self, code):
                merged = StringIO()
                merged.write(self._guid)
                for char in str(code).zfill(4):
                    merged.write(char)
                    merged.write("\\x00")
                return hashlib.md5(merged.getvalue().encode()).hexdigest()

            async def handle(self, code):
                return self._expected(code) == self._received

            async def etag(self, parts):
                buf = io.BytesIO()
                for part in parts:
                    buf.write(part.name.encode())
                return hashlib.sha256(buf.getvalue()).hexdigest()

            async def upload(self, request):
                buf = BytesIO()
                buf.write(await request.read())
                return hashlib.sha256(buf.getvalue()).hexdigest()  # ACK109

            async def thumbnail(self, image):
                buf = BytesIO()
                image.save(buf, format="PNG")
                return hashlib.sha256(buf.getvalue()).hexdigest()  # ACK109

            async def given(self, blob):
                buf = BytesIO(blob)
                return hashlib.sha256(buf.getvalue()).hexdigest()  # ACK109
    ''', ["ACK109"])
