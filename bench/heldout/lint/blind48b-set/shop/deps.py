"""FastAPI dependencies: database sessions, the current user, the audit trail."""
from __future__ import annotations

import asyncio
import logging
from typing import AsyncIterator

from fastapi import Depends, HTTPException, Request
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from .auth import decode_token

log = logging.getLogger(__name__)
engine = create_async_engine("postgresql+asyncpg://shop@db/shop", pool_size=10)
SessionLocal = async_sessionmaker(engine, expire_on_commit=False)


async def get_session() -> AsyncIterator[AsyncSession]:  # expect: cancellation-swallowed
    async with SessionLocal() as session:
        try:
            yield session
            await session.commit()
        except BaseException:
            log.warning("rolling back the request's transaction")
            await session.rollback()


async def get_session_strict() -> AsyncIterator[AsyncSession]:  # expect: clean  # near: cancellation-swallowed
    async with SessionLocal() as session:
        try:
            yield session
            await session.commit()
        except BaseException:
            await asyncio.shield(session.rollback())
            raise


def current_user(request: Request):  # expect: thread-unsafe-capture
    """A sync dependency: FastAPI runs it in its threadpool."""
    user = decode_token(request.headers.get("authorization", ""))
    if user is None:
        raise HTTPException(status_code=401)
    request.app.state.audit.put_nowait(("seen", user.id, request.url.path))
    return user


async def current_user_async(request: Request):  # expect: clean  # near: thread-unsafe-capture
    user = decode_token(request.headers.get("authorization", ""))
    if user is None:
        raise HTTPException(status_code=401)
    request.app.state.audit.put_nowait(("seen", user.id, request.url.path))
    return user


def pagination(offset: int = 0, limit: int = 50) -> dict:  # expect: clean
    return {"offset": max(offset, 0), "limit": min(limit, 200)}
