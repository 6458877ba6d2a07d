"""The field station's uplink: readings to Kafka, firmware from S3, a local MQTT bus, a process pool for the FFTs."""
from __future__ import annotations

import asyncio
import logging
import multiprocessing
import threading

import confluent_kafka
import paho.mqtt.client as mqtt

log = logging.getLogger("uplink")


class ReadingsProducer:  # expect: thread-unsafe-capture
    """Flushes on a worker thread after each batch; the delivery reports arrive there."""

    def __init__(self, conf: dict) -> None:
        self.producer = confluent_kafka.Producer(conf)
        self.failures = 0
        self.failed = asyncio.Event()

    def _report(self, err, msg) -> None:
        if err is not None:
            self.failures += 1
            self.failed.set()

    async def send_batch(self, rows: list[bytes]) -> None:
        for row in rows:
            self.producer.produce("station.readings", row, on_delivery=self._report)
        await asyncio.to_thread(self.producer.flush, 30)


class ReadingsProducerOnLoop:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, conf: dict) -> None:
        self.producer = confluent_kafka.Producer(conf)
        self.failed = asyncio.Event()

    def _report(self, err, msg) -> None:
        if err is not None:
            self.failed.set()

    async def send_batch(self, rows: list[bytes]) -> None:
        for row in rows:
            self.producer.produce("station.readings", row, on_delivery=self._report)
        while len(self.producer) > 0:
            self.producer.poll(0)
            await asyncio.sleep(0.05)


class Firmware:  # expect: thread-unsafe-capture
    """Downloads firmware images; the progress callback runs on s3transfer's threads."""

    def __init__(self, s3, bucket: str) -> None:
        self.s3 = s3
        self.bucket = bucket
        self.progress: asyncio.Queue[int] = asyncio.Queue(maxsize=1000)

    def _tick(self, n: int) -> None:
        if not self.progress.full():
            self.progress.put_nowait(n)

    async def fetch(self, key: str, dest: str) -> None:
        await asyncio.to_thread(self.s3.download_file, self.bucket, key, dest, Callback=self._tick)


class LocalBus:  # expect: thread-unsafe-capture
    """The station's own MQTT broker; paho's loop runs on a thread the class starts."""

    def __init__(self, host: str) -> None:
        self.client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2)
        self.client.on_message = self._on_message
        self.host = host
        self.alarms: list[asyncio.Future] = []

    def start(self) -> None:
        self.client.connect(self.host)
        self.client.subscribe("station/alarm")
        threading.Thread(target=self.client.loop_forever, daemon=True).start()

    def _on_message(self, client, userdata, msg) -> None:
        for fut in self.alarms:
            if not fut.done():
                fut.set_result(msg.payload)
        self.alarms.clear()


def spectrum(samples: list[float]) -> list[float]:  # expect: clean
    import numpy as np

    return list(np.abs(np.fft.rfft(samples)))


class SpectrumPool:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self) -> None:
        self.pool = multiprocessing.Pool(2)

    async def spectrum(self, samples: list[float]) -> list[float]:
        loop = asyncio.get_running_loop()
        fut = loop.create_future()
        self.pool.apply_async(spectrum, (samples,), callback=lambda r: loop.call_soon_threadsafe(fut.set_result, r))
        return await fut


class SpectrumPoolDirect:  # expect: thread-unsafe-capture
    def __init__(self) -> None:
        self.pool = multiprocessing.Pool(2)
        self.results: asyncio.Queue = asyncio.Queue(maxsize=16)

    def submit(self, samples: list[float]) -> None:
        self.pool.apply_async(spectrum, (samples,), callback=self.results.put_nowait)
