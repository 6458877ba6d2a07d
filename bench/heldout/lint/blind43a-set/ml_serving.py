"""Model-serving endpoints of an inference gateway: loading weights, tokenizing, embedding."""
from __future__ import annotations

import asyncio
import functools
import json
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import numpy as np
import pandas as pd
import torch
import whisper
import cohere
import openai
from openai import AsyncOpenAI, OpenAI
from transformers import AutoTokenizer

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

MODEL_DIR = Path("/srv/models")


async def load_checkpoint(name: str):  # expect: blocking-call
    state = torch.load(MODEL_DIR / f"{name}.pt", map_location="cpu")
    return state


async def save_checkpoint(model, name: str) -> None:  # expect: blocking-call
    torch.save(model.state_dict(), MODEL_DIR / f"{name}.pt")


async def save_checkpoint_offloaded(model, name: str) -> None:  # expect: clean  # near: blocking-call
    await asyncio.to_thread(torch.save, model.state_dict(), MODEL_DIR / f"{name}.pt")


async def transcribe(audio_path: str) -> str:  # expect: blocking-call
    model = whisper.load_model("base")
    return model.transcribe(audio_path)["text"]


async def load_features(path: str):  # expect: blocking-call
    return np.load(path)


async def export_scores(scores, path: str) -> None:  # expect: blocking-call
    frame = pd.DataFrame(scores)
    frame.to_parquet(path)


async def read_eval_set(path: str):  # expect: blocking-call
    df = pd.read_csv(path)
    return df.to_dict("records")


async def summarize_frame(df: pd.DataFrame) -> dict:  # expect: clean  # near: blocking-call
    # in-memory work only; no file I/O
    return {"rows": len(df), "mean": float(df["score"].mean())}


async def tokenizer_for(name: str):  # expect: ?blocking-call
    return AutoTokenizer.from_pretrained(name)


async def embed_cohere(texts: list[str]):  # expect: blocking-call
    co = cohere.Client("key")
    return co.embed(texts=texts, model="embed-english-v3.0").embeddings


async def embed_cohere_async(texts: list[str]):  # expect: clean  # near: blocking-call
    co = cohere.AsyncClient("key")
    resp = await co.embed(texts=texts, model="embed-english-v3.0")
    return resp.embeddings


class Completer:  # expect: blocking-call
    def __init__(self) -> None:
        self.client = OpenAI()

    async def complete(self, prompt: str) -> str:
        resp = self.client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}])
        return resp.choices[0].message.content


class AsyncCompleter:  # expect: clean  # near: blocking-call
    def __init__(self) -> None:
        self.client = AsyncOpenAI()

    async def complete(self, prompt: str) -> str:
        resp = await self.client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}])
        return resp.choices[0].message.content


@dataclass
class EmbeddingService:  # expect: blocking-call
    client: openai.OpenAI
    model: str = "text-embedding-3-small"

    async def embed(self, text: str) -> list[float]:
        return self.client.embeddings.create(model=self.model, input=text).data[0].embedding


class LocalEncoder:  # expect: blocking-call
    def __init__(self, model: "SentenceTransformer") -> None:
        self.model = model

    async def encode(self, texts: list[str]):
        return self.model.encode(texts)


class LocalEncoderOffloaded:  # expect: clean  # near: blocking-call
    def __init__(self, model: "SentenceTransformer") -> None:
        self.model = model

    async def encode(self, texts: list[str]):
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, functools.partial(self.model.encode, texts))


def _load_vocab(path: str) -> dict:  # expect: clean  # near: blocking-call
    with open(path, "rb") as fh:
        return pickle.load(fh)


async def warm_vocab(path: str) -> dict:  # expect: clean  # near: blocking-call
    return await asyncio.get_running_loop().run_in_executor(None, _load_vocab, path)


async def dump_labels(labels: dict, path: str) -> None:  # expect: blocking-call
    with open(path, "w") as fh:
        json.dump(labels, fh)


class ModelRegistry:  # expect: blocking-call
    def __init__(self) -> None:
        self._models: dict[str, object] = {}

    def _path(self, name: str) -> Path:
        return MODEL_DIR / name

    async def get(self, name: str):
        if name not in self._models:
            self._models[name] = pickle.loads(self._path(name).read_bytes())
        return self._models[name]


async def predict(model: Optional[torch.nn.Module], batch):  # expect: clean  # near: blocking-call
    # forward pass on an in-memory tensor: CPU work, not I/O
    with torch.no_grad():
        return model(batch)
