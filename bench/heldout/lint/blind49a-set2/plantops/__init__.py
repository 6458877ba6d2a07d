"""Plant operations: PLCs over Modbus, readings in Postgres, alerts to the on-call channel."""
from .devices import Endpoint, Plc, async_client, sync_client
from .store import ReadingStore, Sink, make_sink

__all__ = ["Endpoint", "Plc", "ReadingStore", "Sink", "async_client", "make_sink", "sync_client"]
