"""Message handlers of the relay bot."""
from __future__ import annotations

import asyncio
import logging

from ..core import clients
from ..core.clients import GUARDS, History, Outbox, SyncDb, http, legacy_db, ssh_to

log = logging.getLogger("relay.handlers")


async def lookup_user(user_id: int) -> dict:  # expect: blocking-call
    return http().get(f"https://users.internal/{user_id}", timeout=5).json()


async def lookup_user_ok(user_id: int) -> dict:  # expect: clean  # near: blocking-call
    resp = await asyncio.to_thread(http().get, f"https://users.internal/{user_id}", timeout=5)
    return resp.json()


async def last_seen(db: SyncDb, user_id: int):  # expect: blocking-call
    return db.execute("SELECT seen FROM users WHERE id = %s", (user_id,)).fetchone()


async def legacy_count(dsn: str) -> int:  # expect: blocking-call
    conn = legacy_db(dsn)
    with conn.cursor() as cur:
        cur.execute("SELECT count(*) FROM messages")
        return cur.fetchone()[0]


async def restart_bridge(host: str) -> str:  # expect: blocking-call
    client = ssh_to(host)
    _in, out, _err = client.exec_command("systemctl restart relay-bridge")
    return out.read().decode()


async def post_to_room(room: str, text: str, history: History, fanout) -> None:  # expect: lock-across-await
    with GUARDS.room(room):
        await history.append(room, text)
        await fanout(room, text)


async def post_to_room_ok(room: str, text: str, history: History, fanout) -> None:  # expect: clean  # near: lock-across-await
    with GUARDS.room(room):
        seq = len(GUARDS.by_room)
    await history.append(room, text)
    await fanout(room, f"{seq}: {text}")


async def rename_room(old: str, new: str, history: History) -> None:  # expect: lock-across-await
    with clients.GUARDS.global_lock:
        await history.append(old, f"renamed to {new}")
        clients.GUARDS.by_room[new] = clients.GUARDS.by_room.pop(old)


async def record(room: str, text: str, history: History) -> None:  # expect: unawaited-coroutine
    log.debug("recording into %s", history.table())
    history.append(room, text)


async def record_ok(room: str, text: str, history: History) -> None:  # expect: clean  # near: unawaited-coroutine
    log.debug("recording into %s", history.table())
    await history.append(room, text)


class Mirror:  # expect: unawaited-coroutine
    def __init__(self, outbox: Outbox) -> None:
        self.outbox = outbox

    async def on_message(self, room: str, text: str) -> None:
        self.outbox.emit(f"room.{room}", text.encode())
        self.outbox.producer.send(f"raw.{room}", text.encode())


class MirrorOk:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, outbox: Outbox) -> None:
        self.outbox = outbox

    async def on_message(self, room: str, text: str) -> None:
        await self.outbox.emit(f"room.{room}", text.encode())
