"""Request handlers of the fleet API: every one runs on the service's loop."""
from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from typing import cast

import anyio
from elasticsearch import Elasticsearch

from fleet.shared import Services, Telemetry, guard_for, search, trips_table

log = logging.getLogger("fleet.api")


async def update_position(vehicle: str, pos: dict, store) -> None:  # expect: lock-across-await
    with guard_for(vehicle):
        await store.save(vehicle, pos)


async def update_position_ok(vehicle: str, pos: dict, store) -> None:  # expect: clean  # near: lock-across-await
    with guard_for(vehicle):
        snapshot = dict(pos)
    await store.save(vehicle, snapshot)


async def record(sample: Telemetry, sink) -> None:  # expect: lock-across-await
    with sample.lock:
        await sink.write(sample.vehicle, sample.speed)


async def record_ok(sample: Telemetry, sink) -> None:  # expect: clean  # near: lock-across-await
    with sample.lock:
        speed = sample.speed
    await sink.write(sample.vehicle, speed)


async def find_vehicle(plate: str) -> list:  # expect: blocking-call
    hits = search().search(index="vehicles", query={"term": {"plate": plate}})
    return hits["hits"]["hits"]


async def find_vehicle_async(services: Services, plate: str) -> list:  # expect: clean  # near: blocking-call
    hits = await services.index.search(index="vehicles", body={"query": {"term": {"plate": plate}}})
    return hits["hits"]["hits"]


async def index_vehicle(services: Services, vehicle: dict) -> None:  # expect: unawaited-coroutine
    services.index.index(index="vehicles", body=vehicle, id=vehicle["id"])


async def legacy_count(services: Services) -> int:  # expect: blocking-call
    es = cast(Elasticsearch, services.legacy)
    return es.count(index="vehicles")["count"]


async def save_trip(trip: dict) -> None:  # expect: blocking-call
    trips_table().put_item(Item=trip)


async def save_trip_ok(trip: dict) -> None:  # expect: clean  # near: blocking-call
    await asyncio.to_thread(trips_table().put_item, Item=trip)


async def dispatch(services: Services, kind: str, event: dict) -> None:  # expect: unawaited-coroutine
    handler = services.handlers.get(kind)
    if handler is not None:
        handler(event)


async def dispatch_ok(services: Services, kind: str, event: dict) -> None:  # expect: clean  # near: unawaited-coroutine
    handler = services.handlers.get(kind)
    if handler is not None:
        await handler(event)


async def notify_later(services: Services, event: dict) -> None:  # expect: unawaited-coroutine
    send = functools.partial(services.index.index, index="events")
    send(body=event)


async def watch_geofence(fence, feed) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            pos = await feed.next()
        except anyio.get_cancelled_exc_class():
            log.info("geofence watch stopped")
            return
        fence.check(pos)


async def watch_geofence_ok(fence, feed) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        try:
            pos = await feed.next()
        except anyio.get_cancelled_exc_class():
            log.info("geofence watch stopped")
            raise
        fence.check(pos)


async def ping_all(vehicles: list, ping) -> int:  # expect: cancellation-swallowed
    ok = 0
    for vehicle in vehicles:
        try:
            await ping(vehicle)
            ok += 1
        finally:
            continue
    return ok


async def close(services: Services) -> None:  # expect: clean, ?cancellation-swallowed  # near: unawaited-coroutine
    with contextlib.suppress(asyncio.CancelledError):
        await services.index.close()
    if services.legacy is not None:
        services.legacy.close()
