"""Model loading: ONNX sessions and transformers pipelines, loaded once at start-up and kept in a registry."""
from __future__ import annotations

import asyncio
import logging
import threading
from pathlib import Path
from typing import Generic, Optional, Protocol, TypeVar

import numpy as np
import onnxruntime as ort
from sentence_transformers import SentenceTransformer
from transformers import Pipeline, pipeline

log = logging.getLogger("vision.models")
MODEL_ROOT = Path("/srv/models")


def load_session(name: str) -> ort.InferenceSession:  # expect: clean
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 2
    return ort.InferenceSession(
        str(MODEL_ROOT / f"{name}.onnx"), sess_options=opts, providers=["CPUExecutionProvider"]
    )


def load_captioner() -> Pipeline:  # expect: clean
    return pipeline("image-to-text", model=str(MODEL_ROOT / "blip-base"))


def load_text_encoder() -> SentenceTransformer:  # expect: clean
    return SentenceTransformer(str(MODEL_ROOT / "minilm"), device="cpu")


class Embedder(Protocol):  # expect: clean
    def encode(self, batch: list[str]) -> np.ndarray: ...


class Scorer(Protocol):  # expect: clean
    async def score(self, features: np.ndarray) -> float: ...

    async def calibrate(self, samples: list[np.ndarray]) -> None: ...


class ModelRegistry:  # expect: clean
    """Sessions by name, loaded on first use; guarded by a thread lock because warm-up also runs in a thread."""

    def __init__(self) -> None:
        self._sessions: dict[str, ort.InferenceSession] = {}
        self._guard = threading.Lock()

    @property
    def guard(self) -> threading.Lock:
        return self._guard

    def get(self, name: str) -> ort.InferenceSession:
        with self._guard:
            if name not in self._sessions:
                self._sessions[name] = load_session(name)
            return self._sessions[name]

    def put(self, name: str, session: ort.InferenceSession) -> None:
        with self._guard:
            self._sessions[name] = session

    def names(self) -> list[str]:
        return sorted(self._sessions)


async def load_session_async(name: str) -> ort.InferenceSession:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(load_session, name)


async def load_per_request(name: str) -> ort.InferenceSession:  # expect: blocking-call
    # the v1 API built a session for every request; kept for the legacy route
    return ort.InferenceSession(str(MODEL_ROOT / f"{name}.onnx"), providers=["CPUExecutionProvider"])


async def warm_registry(registry: ModelRegistry, names: list[str]) -> None:  # expect: blocking-call
    for name in names:
        registry.get(name)
        log.info("warmed %s", name)


async def warm_registry_offloaded(registry: ModelRegistry, names: list[str]) -> None:  # expect: clean  # near: blocking-call
    loop = asyncio.get_running_loop()
    for name in names:
        await loop.run_in_executor(None, registry.get, name)
    log.info("warmed %s", ", ".join(registry.names()))


async def swap_model(registry: ModelRegistry, name: str, path: Path) -> None:  # expect: lock-across-await
    with registry.guard:
        session = await asyncio.to_thread(ort.InferenceSession, str(path))
        registry._sessions[name] = session


async def swap_model_ok(registry: ModelRegistry, name: str, path: Path) -> None:  # expect: clean  # near: lock-across-await
    session = await asyncio.to_thread(ort.InferenceSession, str(path))
    with registry.guard:
        registry._sessions[name] = session


E = TypeVar("E", bound=SentenceTransformer)


class BatchingEmbedder(Generic[E]):  # expect: blocking-call
    def __init__(self, inner: E, max_batch: int = 32) -> None:
        self.inner = inner
        self.max_batch = max_batch

    async def embed(self, texts: list[str]) -> np.ndarray:
        chunks = [texts[i : i + self.max_batch] for i in range(0, len(texts), self.max_batch)]
        return np.concatenate([self.inner.encode(chunk) for chunk in chunks])


class BatchingEmbedderOffloaded(Generic[E]):  # expect: clean  # near: blocking-call
    def __init__(self, inner: E, max_batch: int = 32) -> None:
        self.inner = inner
        self.max_batch = max_batch

    def _encode_all(self, texts: list[str]) -> np.ndarray:
        chunks = [texts[i : i + self.max_batch] for i in range(0, len(texts), self.max_batch)]
        return np.concatenate([self.inner.encode(chunk) for chunk in chunks])

    async def embed(self, texts: list[str]) -> np.ndarray:
        return await asyncio.to_thread(self._encode_all, texts)


class CalibratedScorer:  # expect: unawaited-coroutine
    """Wraps a Scorer and re-calibrates it every thousand requests."""

    def __init__(self, inner: Scorer, every: int = 1000) -> None:
        self.inner = inner
        self.every = every
        self.seen = 0
        self.recent: list[np.ndarray] = []

    async def score(self, features: np.ndarray) -> float:
        self.seen += 1
        self.recent.append(features)
        if self.seen % self.every == 0:
            self.inner.calibrate(self.recent[-200:])
            self.recent.clear()
        return await self.inner.score(features)


class CalibratedScorerOk:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, inner: Scorer, every: int = 1000) -> None:
        self.inner = inner
        self.every = every
        self.seen = 0
        self.recent: list[np.ndarray] = []

    async def score(self, features: np.ndarray) -> float:
        self.seen += 1
        self.recent.append(features)
        if self.seen % self.every == 0:
            await self.inner.calibrate(self.recent[-200:])
            self.recent.clear()
        return await self.inner.score(features)
