"""Django Channels consumers for the reception desk's live board."""
from __future__ import annotations

import json
import threading

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer, WebsocketConsumer
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404

User = get_user_model()
_board_lock = threading.Lock()
_board: dict[int, str] = {}


class DeskConsumer(AsyncWebsocketConsumer):  # expect: blocking-call
    async def connect(self) -> None:
        user_id = self.scope["url_route"]["kwargs"]["user_id"]
        self.user = User.objects.get(pk=user_id)
        await self.accept()


class SafeDeskConsumer(AsyncWebsocketConsumer):  # expect: clean  # near: blocking-call
    async def connect(self) -> None:
        user_id = self.scope["url_route"]["kwargs"]["user_id"]
        self.user = await User.objects.aget(pk=user_id)
        await self.accept()


class SyncDeskConsumer(WebsocketConsumer):  # expect: clean  # near: blocking-call
    def connect(self) -> None:
        user_id = self.scope["url_route"]["kwargs"]["user_id"]
        self.user = get_object_or_404(User, pk=user_id)
        self.accept()


class BoardConsumer(AsyncWebsocketConsumer):  # expect: lock-across-await
    async def receive(self, text_data=None, bytes_data=None) -> None:
        msg = json.loads(text_data)
        with _board_lock:
            _board[msg["room"]] = msg["status"]
            await self.send(text_data=json.dumps(_board))


class SnapshotBoardConsumer(AsyncWebsocketConsumer):  # expect: clean  # near: lock-across-await
    async def receive(self, text_data=None, bytes_data=None) -> None:
        msg = json.loads(text_data)
        with _board_lock:
            _board[msg["room"]] = msg["status"]
            snapshot = json.dumps(_board)
        await self.send(text_data=snapshot)


class LookupConsumer(AsyncWebsocketConsumer):  # expect: clean  # near: blocking-call
    @database_sync_to_async
    def _patient(self, pk: int):
        return get_object_or_404(User, pk=pk)

    async def receive(self, text_data=None, bytes_data=None) -> None:
        patient = await self._patient(json.loads(text_data)["pk"])
        await self.send(text_data=json.dumps({"name": patient.get_full_name()}))


class StaleLookupConsumer(AsyncWebsocketConsumer):  # expect: unawaited-coroutine
    @database_sync_to_async
    def _touch(self, pk: int) -> None:
        User.objects.filter(pk=pk).update(is_active=True)

    async def receive(self, text_data=None, bytes_data=None) -> None:
        self._touch(json.loads(text_data)["pk"])
        await self.send(text_data="ok")
