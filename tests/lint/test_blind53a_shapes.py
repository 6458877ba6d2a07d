"""Shapes a blind set in the corpus-sample's style (session 53) missed: a class's own tuple of retryable errors,
... Each flagged shape beside its look-alikes."""
from __future__ import annotations

from .helpers import check_marked


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
