"""Stream analytics: Kafka in, windowed aggregates out."""
from .clients import (
    make_async_consumer,
    make_async_producer,
    make_audit_producer,
    make_confluent_consumer,
    make_legacy_consumer,
)
from .state import BOOK, OffsetBook

__all__ = [
    "BOOK",
    "OffsetBook",
    "make_async_consumer",
    "make_async_producer",
    "make_audit_producer",
    "make_confluent_consumer",
    "make_legacy_consumer",
]
