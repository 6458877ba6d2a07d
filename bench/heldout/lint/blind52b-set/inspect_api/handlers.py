"""Request handlers and background work of the inspection API."""
from __future__ import annotations

import asyncio
import logging
import time
from contextlib import asynccontextmanager

import comet_ml
import mlflow
import numpy as np
import torch
from fastapi import FastAPI

from .models import ModelHub, pyfunc_model, roboflow_model

log = logging.getLogger("inspect_api")
hub = ModelHub()


@asynccontextmanager
async def lifespan(app: FastAPI):  # expect: blocking-call
    app.state.pyfunc = pyfunc_model()
    yield


@asynccontextmanager
async def lifespan_offloaded(app: FastAPI):  # expect: clean  # near: blocking-call
    app.state.pyfunc = await asyncio.to_thread(pyfunc_model)
    yield


async def inspect_frame(pixels: np.ndarray) -> list[float]:  # expect: blocking-call
    scores = hub.defects.run(None, {"images": pixels})[0]
    return scores.tolist()


async def inspect_frame_helper(pixels: np.ndarray) -> list[float]:  # expect: blocking-call
    return hub.score_defects(pixels).tolist()


async def inspect_frame_offloaded(pixels: np.ndarray) -> list[float]:  # expect: clean  # near: blocking-call
    scores = await asyncio.to_thread(hub.score_defects, pixels)
    return scores.tolist()


async def check_cap(batch: torch.Tensor) -> list[int]:  # expect: blocking-call
    with torch.inference_mode():
        logits = hub.cap_seal(batch)
    return logits.argmax(dim=1).tolist()


def _check_cap_sync(batch: torch.Tensor) -> list[int]:  # expect: clean
    with torch.inference_mode():
        return hub.cap_seal(batch).argmax(dim=1).tolist()


async def check_cap_offloaded(batch: torch.Tensor) -> list[int]:  # expect: clean  # near: blocking-call
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, _check_cap_sync, batch)


async def label_read(path: str) -> dict:  # expect: blocking-call
    return roboflow_model().predict(path, confidence=40).json()


async def log_shift_metrics(run_id: str, rejected: int, total: int) -> None:  # expect: blocking-call
    with mlflow.start_run(run_id=run_id):
        mlflow.log_metric("reject_rate", rejected / max(total, 1), step=int(time.time()))


def _log_shift_metrics_sync(run_id: str, rejected: int, total: int) -> None:  # expect: clean
    with mlflow.start_run(run_id=run_id):
        mlflow.log_metric("reject_rate", rejected / max(total, 1), step=int(time.time()))


async def log_shift_metrics_offloaded(run_id: str, rejected: int, total: int) -> None:  # expect: clean  # near: blocking-call
    await asyncio.to_thread(_log_shift_metrics_sync, run_id, rejected, total)


class CometTracker:  # expect: blocking-call
    """One Comet experiment per shift."""

    def __init__(self) -> None:
        self.experiment: comet_ml.Experiment | None = None

    async def start_shift(self, line: str) -> None:
        self.experiment = comet_ml.Experiment(project_name="bottling", auto_output_logging=False)
        self.experiment.set_name(f"{line}-{time.strftime('%Y%m%d-%H')}")

    async def record(self, rejected: int) -> None:
        if self.experiment is not None:
            self.experiment.log_metric("rejected", rejected)


class Predictor:  # expect: unawaited-coroutine
    """Warms the model on start-up so the first frame is not slow."""

    def __init__(self) -> None:
        self._warm = self.warmup()

    async def warmup(self) -> None:
        blank = np.zeros((1, 3, 640, 640), dtype=np.float32)
        await asyncio.to_thread(hub.score_defects, blank)


class AwaitedPredictor:  # expect: clean  # near: unawaited-coroutine
    def __init__(self) -> None:
        self._warm: asyncio.Task | None = None

    async def warmup(self) -> None:
        blank = np.zeros((1, 3, 640, 640), dtype=np.float32)
        await asyncio.to_thread(hub.score_defects, blank)

    async def start(self) -> None:
        self._warm = asyncio.create_task(self.warmup())
        await self._warm


async def predict_with_deadline(pixels: np.ndarray) -> list[float] | None:  # expect: unawaited-coroutine
    try:
        result = asyncio.wait_for(inspect_frame_offloaded(pixels), timeout=0.5)
    except asyncio.TimeoutError:
        return None
    return result


class MetricsFlusher:  # expect: dangling-task
    def __init__(self, interval: float = 30.0) -> None:
        self.interval = interval
        self.counts: dict[str, int] = {}
        asyncio.ensure_future(self._flush_forever())

    async def _flush_forever(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            counts, self.counts = self.counts, {}
            await asyncio.to_thread(mlflow.log_metrics, counts)
