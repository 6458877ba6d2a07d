"""HTTP handlers of the vision API (Starlette); the models come from the package's start-up hooks."""
from __future__ import annotations

import asyncio
import functools
import io
import logging
import signal
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Optional

import numpy as np
import torch
from PIL import Image
from starlette.requests import Request
from starlette.responses import JSONResponse
from transformers import AutoModelForCausalLM, AutoTokenizer

from . import Scorer, load_captioner, load_session, load_text_encoder, registry_guard, warmup_lock
from .locks import exclusive_model
from .models import ModelRegistry

log = logging.getLogger("vision.handlers")

CLASSIFIER = load_session("resnet50")
ENCODER = load_text_encoder()
REGISTRY = ModelRegistry()
POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="infer")


def _to_tensor(image: Image.Image) -> np.ndarray:  # expect: clean
    arr = np.asarray(image.convert("RGB").resize((224, 224)), dtype=np.float32) / 255.0
    return arr.transpose(2, 0, 1)[None]


async def classify(request: Request) -> JSONResponse:  # expect: blocking-call
    image = Image.open(io.BytesIO(await request.body()))
    logits = CLASSIFIER.run(None, {"input": _to_tensor(image)})[0]
    return JSONResponse({"label": int(logits.argmax())})


async def classify_offloaded(request: Request) -> JSONResponse:  # expect: clean  # near: blocking-call
    image = Image.open(io.BytesIO(await request.body()))
    outputs = await asyncio.to_thread(CLASSIFIER.run, None, {"input": _to_tensor(image)})
    return JSONResponse({"label": int(outputs[0].argmax())})


async def embed_texts(request: Request) -> JSONResponse:  # expect: blocking-call
    payload = await request.json()
    vectors = ENCODER.encode(payload["texts"], normalize_embeddings=True)
    return JSONResponse({"vectors": vectors.tolist()})


async def embed_texts_pool(request: Request) -> JSONResponse:  # expect: clean  # near: blocking-call
    payload = await request.json()
    encode = functools.partial(ENCODER.encode, payload["texts"], normalize_embeddings=True)
    vectors = await asyncio.get_running_loop().run_in_executor(POOL, encode)
    return JSONResponse({"vectors": vectors.tolist()})


class CaptionService:  # expect: blocking-call
    def __init__(self) -> None:
        self.pipe = load_captioner()

    async def caption(self, image: Image.Image) -> str:
        return self.pipe(image, max_new_tokens=30)[0]["generated_text"]


class CaptionServiceOffloaded:  # expect: clean  # near: blocking-call
    def __init__(self, pool: ThreadPoolExecutor) -> None:
        self.pipe = load_captioner()
        self.pool = pool

    async def caption(self, image: Image.Image) -> str:
        loop = asyncio.get_running_loop()
        out = await loop.run_in_executor(self.pool, functools.partial(self.pipe, image, max_new_tokens=30))
        return out[0]["generated_text"]


class ChatModel:  # expect: blocking-call
    def __init__(self, name: str) -> None:
        self.tokenizer = AutoTokenizer.from_pretrained(name)
        self.model: AutoModelForCausalLM = AutoModelForCausalLM.from_pretrained(name)

    async def reply(self, prompt: str) -> str:
        ids = self.tokenizer(prompt, return_tensors="pt").input_ids
        with torch.inference_mode():
            out = self.model.generate(ids, max_new_tokens=64)
        return self.tokenizer.decode(out[0], skip_special_tokens=True)


class ChatModelLazy:  # expect: blocking-call
    def __init__(self, name: str) -> None:
        self.name = name
        self.model: Optional[AutoModelForCausalLM] = None

    async def reply(self, prompt: str) -> str:
        if self.model is None:
            self.model = AutoModelForCausalLM.from_pretrained(self.name)
        ids = torch.tensor([[ord(c) % 50000 for c in prompt]])
        return str(await asyncio.to_thread(self.model.generate, ids, max_new_tokens=64))


async def warm_under_lock(names: list[str]) -> None:  # expect: lock-across-await
    with warmup_lock():
        for name in names:
            session = await asyncio.to_thread(load_session, name)
            REGISTRY.put(name, session)


async def warm_then_lock(names: list[str]) -> None:  # expect: clean  # near: lock-across-await
    sessions = [await asyncio.to_thread(load_session, name) for name in names]
    with warmup_lock():
        for name, session in zip(names, sessions):
            REGISTRY.put(name, session)


async def reload_model(name: str) -> None:  # expect: lock-across-await
    with exclusive_model(name):
        session = await asyncio.to_thread(load_session, name)
        REGISTRY.put(name, session)


async def reload_model_guarded(name: str) -> None:  # expect: lock-across-await
    guard = registry_guard(name)
    guard.acquire()
    try:
        REGISTRY.put(name, await asyncio.to_thread(load_session, name))
    finally:
        guard.release()


def reload_model_sync(name: str) -> None:  # expect: clean  # near: lock-across-await
    with exclusive_model(name):
        REGISTRY.put(name, load_session(name))


async def reload_model_in_thread(name: str) -> None:  # expect: clean  # near: lock-across-await
    await asyncio.to_thread(reload_model_sync, name)


class ScoringEndpoint:  # expect: unawaited-coroutine
    def __init__(self, scorer: Scorer) -> None:
        self.scorer = scorer
        self._reloader: Optional[threading.Timer] = None

    async def refresh(self) -> None:
        await self.scorer.calibrate([])

    def schedule_refresh(self) -> None:
        self._reloader = threading.Timer(600, self.refresh)
        self._reloader.daemon = True
        self._reloader.start()


class ScoringEndpointOk:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, scorer: Scorer, loop: asyncio.AbstractEventLoop) -> None:
        self.scorer = scorer
        self.loop = loop
        self._reloader: Optional[threading.Timer] = None

    async def refresh(self) -> None:
        await self.scorer.calibrate([])

    def _fire(self) -> None:
        asyncio.run_coroutine_threadsafe(self.refresh(), self.loop)

    def schedule_refresh(self) -> None:
        self._reloader = threading.Timer(600, self._fire)
        self._reloader.daemon = True
        self._reloader.start()


async def drain_on_signal(scorer: Scorer) -> None:  # expect: unawaited-coroutine
    loop = asyncio.get_running_loop()

    async def flush() -> None:
        await scorer.calibrate([])
        log.info("flushed before exit")

    loop.add_signal_handler(signal.SIGTERM, flush)
    await asyncio.Event().wait()


async def drain_on_signal_ok(scorer: Scorer) -> None:  # expect: clean  # near: unawaited-coroutine
    loop = asyncio.get_running_loop()
    done = asyncio.Event()

    async def flush() -> None:
        await scorer.calibrate([])
        log.info("flushed before exit")

    loop.add_signal_handler(signal.SIGTERM, done.set)
    await done.wait()
    await flush()
