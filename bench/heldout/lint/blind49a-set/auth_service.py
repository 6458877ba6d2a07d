"""The auth service: password logins, API tokens, signing keys, and the LDAP directory of the staff accounts."""
from __future__ import annotations

import asyncio
import functools
import hashlib
import hmac
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Optional

import bcrypt
from argon2 import PasswordHasher
from argon2.exceptions import VerifyMismatchError
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from ldap3 import ALL, Connection, Server
from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from accounts.models import ApiToken, AuditEvent, User

log = logging.getLogger("auth")
HASHER = PasswordHasher(time_cost=3, memory_cost=64 * 1024)
CRYPTO_POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="crypto")
PBKDF2_ROUNDS = 600_000
DIRECTORY = Server("ldaps://ldap.corp.example", get_info=ALL)
PEOPLE = "ou=people,dc=corp,dc=example"


async def login(users: AsyncSession, email: str, password: str) -> Optional[User]:  # expect: blocking-call
    user = await users.scalar(select(User).where(User.email == email))
    if user is None:
        return None
    if not bcrypt.checkpw(password.encode(), user.password_hash):
        return None
    return user


async def login_offloaded(users: AsyncSession, email: str, password: str) -> Optional[User]:  # expect: clean  # near: blocking-call
    user = await users.scalar(select(User).where(User.email == email))
    if user is None:
        return None
    ok = await asyncio.get_running_loop().run_in_executor(
        CRYPTO_POOL, bcrypt.checkpw, password.encode(), user.password_hash
    )
    return user if ok else None


def _argon_verify(stored: str, password: str) -> bool:  # expect: clean
    try:
        return HASHER.verify(stored, password)
    except VerifyMismatchError:
        return False


async def verify_argon(stored: str, password: str) -> bool:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(_argon_verify, stored, password)


async def change_password(users: AsyncSession, user: User, new_password: str) -> None:  # expect: blocking-call
    user.password_hash = HASHER.hash(new_password)
    users.add(user)
    await users.commit()


async def verify_legacy(user: User, password: str) -> bool:  # expect: blocking-call
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), user.legacy_salt or b"", PBKDF2_ROUNDS)
    return hmac.compare_digest(digest, user.legacy_hash)


async def token_fingerprint(token: str) -> str:  # expect: clean  # near: blocking-call
    # one sha256 of a 40-character token: microseconds
    return hashlib.sha256(token.encode()).hexdigest()[:16]


async def hash_new_password(password: str) -> bytes:  # expect: clean  # near: blocking-call
    loop = asyncio.get_running_loop()
    job = functools.partial(bcrypt.hashpw, password.encode(), bcrypt.gensalt(rounds=12))
    return await loop.run_in_executor(CRYPTO_POOL, job)


class KeyRing:  # expect: blocking-call
    """Signing keys of the session tokens, rotated by an admin endpoint."""

    def __init__(self) -> None:
        self._current: Optional[rsa.RSAPrivateKey] = None
        self._lock = threading.Lock()

    async def rotate(self) -> bytes:
        key = rsa.generate_private_key(public_exponent=65537, key_size=4096)
        with self._lock:
            self._current = key
        return key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )


class KeyRingEc:  # expect: clean  # near: blocking-call, lock-across-await
    def __init__(self) -> None:
        self._current: Optional[ec.EllipticCurvePrivateKey] = None
        self._lock = threading.Lock()

    async def rotate(self) -> bytes:
        # a P-256 key: well under a millisecond
        key = ec.generate_private_key(ec.SECP256R1())
        with self._lock:
            self._current = key
        return key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )


class SecretBox:  # expect: clean  # near: blocking-call
    """Seals the refresh tokens kept in the browser."""

    def __init__(self, key: bytes) -> None:
        self._fernet = Fernet(key)

    async def seal(self, value: str) -> bytes:
        return self._fernet.encrypt(value.encode())

    async def open(self, token: bytes) -> str:
        return self._fernet.decrypt(token, ttl=3600).decode()


class TokenCache:  # expect: lock-across-await
    """Tokens checked recently; the admin thread clears it when the keys rotate."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._guard = threading.RLock()
        self._seen: dict[str, int] = {}

    @property
    def guard(self) -> threading.RLock:
        return self._guard

    def clear(self) -> None:
        with self.guard:
            self._seen.clear()

    async def user_for(self, token: str) -> Optional[int]:
        with self.guard:
            if token in self._seen:
                return self._seen[token]
            user_id = await self._session.scalar(select(ApiToken.user_id).where(ApiToken.token == token))
            if user_id is not None:
                self._seen[token] = user_id
            return user_id


class TokenCacheOk:  # expect: clean  # near: lock-across-await
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._guard = threading.RLock()
        self._seen: dict[str, int] = {}

    @property
    def guard(self) -> threading.RLock:
        return self._guard

    async def user_for(self, token: str) -> Optional[int]:
        with self.guard:
            hit = self._seen.get(token)
        if hit is not None:
            return hit
        user_id = await self._session.scalar(select(ApiToken.user_id).where(ApiToken.token == token))
        if user_id is not None:
            with self.guard:
                self._seen[token] = user_id
        return user_id


class LoginThrottle:  # expect: lock-across-await
    """One lock per account, so two failed logins of one account are both counted."""

    def __init__(self, users: AsyncSession) -> None:
        self._users = users
        self._locks: dict[str, threading.Lock] = {}
        self._registry = threading.Lock()

    def _lock_for(self, email: str) -> threading.Lock:
        with self._registry:
            return self._locks.setdefault(email, threading.Lock())

    async def record_failure(self, email: str) -> int:
        with self._lock_for(email):
            user = await self._users.scalar(select(User).where(User.email == email))
            user.failures += 1
            await self._users.commit()
            return user.failures


class LoginThrottleOk:  # expect: clean  # near: lock-across-await
    def __init__(self, users: AsyncSession) -> None:
        self._users = users
        self._locks: dict[str, asyncio.Lock] = {}

    def _lock_for(self, email: str) -> asyncio.Lock:
        return self._locks.setdefault(email, asyncio.Lock())

    async def record_failure(self, email: str) -> int:
        async with self._lock_for(email):
            user = await self._users.scalar(select(User).where(User.email == email))
            user.failures += 1
            await self._users.commit()
            return user.failures


def staff_connection(bind_dn: str, password: str) -> Connection:  # expect: clean
    return Connection(DIRECTORY, user=bind_dn, password=password, auto_bind=True)


async def staff_groups(bind_dn: str, password: str, uid: str) -> list[str]:  # expect: blocking-call
    conn = staff_connection(bind_dn, password)
    conn.search(PEOPLE, f"(uid={uid})", attributes=["memberOf"])
    return [str(group) for entry in conn.entries for group in entry.memberOf]


def _groups_sync(bind_dn: str, password: str, uid: str) -> list[str]:  # expect: clean
    with staff_connection(bind_dn, password) as conn:
        conn.search(PEOPLE, f"(uid={uid})", attributes=["memberOf"])
        return [str(group) for entry in conn.entries for group in entry.memberOf]


async def staff_groups_ok(bind_dn: str, password: str, uid: str) -> list[str]:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(_groups_sync, bind_dn, password, uid)


class StaffDirectory:  # expect: blocking-call
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    async def display_name(self, uid: str) -> Optional[str]:
        if not self.conn.search(PEOPLE, f"(uid={uid})", attributes=["displayName"]):
            return None
        return str(self.conn.entries[0].displayName)


def audited(action: str):  # expect: clean
    def wrap(fn):
        @functools.wraps(fn)
        async def inner(*args, **kwargs):
            result = await fn(*args, **kwargs)
            log.info("audit: %s", action)
            return result

        return inner

    return wrap


@audited("revoke")
async def revoke_tokens(session: AsyncSession, user_id: int) -> None:  # expect: clean
    await session.execute(delete(ApiToken).where(ApiToken.user_id == user_id))
    await session.commit()


async def offboard(session: AsyncSession, user_id: int) -> None:  # expect: unawaited-coroutine
    revoke_tokens(session, user_id)
    await session.execute(update(User).where(User.id == user_id).values(active=False))
    await session.commit()


async def offboard_ok(session: AsyncSession, user_id: int) -> None:  # expect: clean  # near: unawaited-coroutine
    await revoke_tokens(session, user_id)
    await session.execute(update(User).where(User.id == user_id).values(active=False))
    await session.commit()


async def deactivate(session: AsyncSession, user: User) -> None:  # expect: unawaited-coroutine
    user.active = False
    session.add(user)
    session.commit()


async def stage_deactivation(session: AsyncSession, user: User) -> None:  # expect: clean  # near: unawaited-coroutine
    user.active = False
    session.add(user)
    await session.flush()


async def best_effort_audit(session: AsyncSession, event: AuditEvent) -> None:  # expect: cancellation-swallowed
    try:
        session.add(event)
        await session.commit()
    except BaseException:
        await session.rollback()
        log.warning("audit event %s dropped", event.kind)


async def strict_audit(session: AsyncSession, event: AuditEvent) -> None:  # expect: clean  # near: cancellation-swallowed
    try:
        session.add(event)
        await session.commit()
    except BaseException:
        await session.rollback()
        raise
