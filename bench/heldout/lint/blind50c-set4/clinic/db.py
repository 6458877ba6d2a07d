"""The sync SQLAlchemy layer the admin tools share with the API."""
from __future__ import annotations

from typing import Iterator

from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session, sessionmaker

engine = create_engine("postgresql+psycopg2://clinic@db/clinic", pool_pre_ping=True)
SessionLocal = sessionmaker(bind=engine, expire_on_commit=False)


def get_db() -> Iterator[Session]:
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


def count_rows(db: Session, model) -> int:
    return len(db.scalars(select(model)).all())
