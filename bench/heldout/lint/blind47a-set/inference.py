"""Model-serving handlers: ONNX sessions, sentence encoders and checkpoints behind an aiohttp API."""
from __future__ import annotations

import asyncio
import functools
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional, TypeAlias, Union

import numpy as np
import onnxruntime as ort
import torch
from aiohttp import web

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

OrtSession: TypeAlias = ort.InferenceSession
_EXECUTOR = ThreadPoolExecutor(max_workers=2, thread_name_prefix="infer")


def open_session(path: str) -> ort.InferenceSession:  # expect: clean
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 2
    return ort.InferenceSession(path, sess_options=opts, providers=["CPUExecutionProvider"])


async def classify(request: web.Request, session: OrtSession) -> web.Response:  # expect: blocking-call
    body = await request.json()
    feeds = {"input": np.asarray(body["pixels"], dtype=np.float32)}
    (logits,) = session.run(None, feeds)
    return web.json_response({"label": int(logits.argmax())})


async def classify_offloaded(request: web.Request, session: OrtSession) -> web.Response:  # expect: clean  # near: blocking-call
    body = await request.json()
    feeds = {"input": np.asarray(body["pixels"], dtype=np.float32)}
    loop = asyncio.get_running_loop()
    (logits,) = await loop.run_in_executor(_EXECUTOR, session.run, None, feeds)
    return web.json_response({"label": int(logits.argmax())})


@dataclass
class ModelSlot:  # expect: blocking-call
    name: str
    path: str
    session: Optional[ort.InferenceSession] = None
    hits: int = 0

    async def infer(self, feeds: dict) -> list:
        if self.session is None:
            self.session = open_session(self.path)
        self.hits += 1
        return self.session.run(None, feeds)


@dataclass
class ModelSlotThreaded:  # expect: clean  # near: blocking-call
    name: str
    path: str
    session: Optional[ort.InferenceSession] = None

    def _run(self, feeds: dict) -> list:
        if self.session is None:
            self.session = open_session(self.path)
        return self.session.run(None, feeds)

    async def infer(self, feeds: dict) -> list:
        return await asyncio.to_thread(self._run, feeds)


async def detect(request: web.Request) -> web.Response:  # expect: blocking-call
    sess = open_session(request.app["detector_path"])
    frame = np.frombuffer(await request.read(), dtype=np.uint8).reshape(1, 3, 224, 224)
    boxes = sess.run(["boxes"], {"images": frame.astype(np.float32)})[0]
    return web.json_response({"boxes": boxes.tolist()})


class Embedder:  # expect: blocking-call
    encoder: "SentenceTransformer"

    def __init__(self, encoder: "SentenceTransformer") -> None:
        self.encoder = encoder

    async def embed(self, request: web.Request) -> web.Response:
        texts = (await request.json())["texts"]
        vectors = self.encoder.encode(texts, normalize_embeddings=True)
        return web.json_response({"vectors": vectors.tolist()})


class EmbedderBatched:  # expect: clean  # near: blocking-call
    def __init__(self, encoder: "SentenceTransformer") -> None:
        self.encoder = encoder

    async def embed(self, request: web.Request) -> web.Response:
        texts = (await request.json())["texts"]
        encode = functools.partial(self.encoder.encode, normalize_embeddings=True)
        vectors = await asyncio.get_running_loop().run_in_executor(None, encode, texts)
        return web.json_response({"vectors": vectors.tolist()})


class TokenCounter:  # expect: clean  # near: blocking-call
    """Shares `encode` with the encoders, but only splits on whitespace."""

    def encode(self, text: str) -> list[str]:
        return text.split()

    async def count(self, request: web.Request) -> web.Response:
        text = await request.text()
        return web.json_response({"tokens": len(self.encode(text))})


async def reload_checkpoint(app: web.Application, path: str) -> None:  # expect: blocking-call
    state = torch.load(path, map_location="cpu")
    app["model"].load_state_dict(state)


async def reload_checkpoint_threaded(app: web.Application, path: str) -> None:  # expect: clean  # near: blocking-call
    state = await asyncio.to_thread(torch.load, path, map_location="cpu")
    app["model"].load_state_dict(state)


async def snapshot_weights(app: web.Application, path: str) -> None:  # expect: blocking-call
    model: torch.nn.Module = app["model"]
    torch.save(model.state_dict(), path)


_model_lock = threading.Lock()


async def swap_model(app: web.Application, path: str, notifier) -> None:  # expect: lock-across-await
    with _model_lock:
        app["session"] = await asyncio.to_thread(open_session, path)
        await notifier.broadcast({"event": "model-swapped", "path": path})


async def swap_model_ok(app: web.Application, path: str, notifier) -> None:  # expect: clean  # near: lock-across-await
    fresh = await asyncio.to_thread(open_session, path)
    with _model_lock:
        app["session"] = fresh
    await notifier.broadcast({"event": "model-swapped", "path": path})


class ModelPool:  # expect: lock-across-await
    def __init__(self, paths: dict[str, str]) -> None:
        self._paths = paths
        self._sessions: dict[str, ort.InferenceSession] = {}
        self._locks: dict[str, threading.Lock] = {name: threading.Lock() for name in paths}

    async def get(self, name: str) -> ort.InferenceSession:
        with self._locks[name]:
            if name not in self._sessions:
                self._sessions[name] = await asyncio.to_thread(open_session, self._paths[name])
            return self._sessions[name]


class ModelPoolAsync:  # expect: clean  # near: lock-across-await
    def __init__(self, paths: dict[str, str]) -> None:
        self._paths = paths
        self._sessions: dict[str, ort.InferenceSession] = {}
        self._locks: dict[str, asyncio.Lock] = {name: asyncio.Lock() for name in paths}

    async def get(self, name: str) -> ort.InferenceSession:
        async with self._locks[name]:
            if name not in self._sessions:
                self._sessions[name] = await asyncio.to_thread(open_session, self._paths[name])
            return self._sessions[name]


class WarmupGate:  # expect: lock-across-await
    def __init__(self) -> None:
        self._gate = threading.Semaphore(1)

    async def warm(self, sessions: list[ort.InferenceSession], sample: dict) -> None:
        self._gate.acquire()
        try:
            for s in sessions:
                await asyncio.to_thread(s.run, None, sample)
        finally:
            self._gate.release()


class StatsBoard:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self._mu = threading.Lock()
        self.latencies: list[float] = []

    def record(self, ms: float) -> None:
        with self._mu:
            self.latencies.append(ms)

    async def timed(self, session: ort.InferenceSession, feeds: dict) -> list:
        loop = asyncio.get_running_loop()
        start = loop.time()
        out = await loop.run_in_executor(None, session.run, None, feeds)
        self.record((loop.time() - start) * 1000)
        return out


async def score_batch(batch: list[dict], model: Union[ort.InferenceSession, None]) -> list:  # expect: blocking-call
    if model is None:
        return []
    feeds = {"x": np.stack([b["x"] for b in batch])}
    return model.run(None, feeds)[0].tolist()


async def health(request: web.Request) -> web.Response:  # expect: clean  # near: blocking-call
    sess: ort.InferenceSession = request.app["session"]
    inputs = [i.name for i in sess.get_inputs()]
    return web.json_response({"ok": True, "inputs": inputs})


def preload(paths: list[str]) -> list[ort.InferenceSession]:  # expect: clean  # near: blocking-call
    sessions = [open_session(p) for p in paths]
    for s in sessions:
        s.run(None, {"x": np.zeros((1, 4), dtype=np.float32)})
    return sessions


async def predict_stream(ws: web.WebSocketResponse, session: ort.InferenceSession) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            msg = await ws.receive_json()
        except (asyncio.CancelledError, ConnectionResetError):
            continue
        out = await asyncio.to_thread(session.run, None, {"x": np.asarray(msg["x"], dtype=np.float32)})
        await ws.send_json({"y": out[0].tolist()})


async def predict_stream_ok(ws: web.WebSocketResponse, session: ort.InferenceSession) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        try:
            msg = await ws.receive_json()
        except ConnectionResetError:
            continue
        out = await asyncio.to_thread(session.run, None, {"x": np.asarray(msg["x"], dtype=np.float32)})
        await ws.send_json({"y": out[0].tolist()})


def gpu_lock() -> threading.Lock:  # expect: clean
    return _GPU_LOCKS[torch.cuda.current_device() if torch.cuda.is_available() else 0]


_GPU_LOCKS = [threading.Lock() for _ in range(8)]


async def generate_reply(prompt: str, backend) -> str:  # expect: lock-across-await
    with gpu_lock():
        return await backend.generate(prompt, max_new_tokens=128)


async def generate_reply_ok(prompt: str, backend) -> str:  # expect: clean  # near: lock-across-await
    lock = gpu_lock()
    return await asyncio.to_thread(_generate_locked, lock, backend, prompt)


def _generate_locked(lock: threading.Lock, backend, prompt: str) -> str:  # expect: clean  # near: lock-across-await
    with lock:
        return backend.generate_sync(prompt, max_new_tokens=128)
