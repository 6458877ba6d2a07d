"""An AI assistant backend: model calls, vector search, storage and notifications."""
from __future__ import annotations

import asyncio
from typing import Any

import googlemaps
import lancedb
import litellm
import pusher
import replicate
import resend
import s3fs
import weaviate
from deltalake import DeltaTable
from mistralai import Mistral
from pymilvus import MilvusClient


async def chat(messages: list[dict[str, str]]) -> str:  # expect: blocking-call
    response = litellm.completion(model="gpt-4o-mini", messages=messages)
    return response.choices[0].message.content


async def chat_async(messages: list[dict[str, str]]) -> str:  # expect: clean  # near: blocking-call
    response = await litellm.acompletion(model="gpt-4o-mini", messages=messages)
    return response.choices[0].message.content


async def mistral_chat(client: Mistral, prompt: str) -> str:  # expect: blocking-call
    res = client.chat.complete(model="mistral-small-latest", messages=[{"role": "user", "content": prompt}])
    return res.choices[0].message.content


async def mistral_chat_async(client: Mistral, prompt: str) -> str:  # expect: clean  # near: blocking-call
    res = await client.chat.complete_async(model="mistral-small-latest", messages=[{"role": "user", "content": prompt}])
    return res.choices[0].message.content


async def make_image(prompt: str) -> Any:  # expect: blocking-call
    return replicate.run("stability-ai/sdxl", input={"prompt": prompt})


async def make_image_async(prompt: str) -> Any:  # expect: clean  # near: blocking-call
    return await replicate.async_run("stability-ai/sdxl", input={"prompt": prompt})


async def similar(client: MilvusClient, vector: list[float]) -> list[Any]:  # expect: blocking-call
    return client.search(collection_name="docs", data=[vector], limit=5)


async def similar_lance(uri: str, vector: list[float]) -> list[dict[str, Any]]:  # expect: blocking-call
    table = lancedb.connect(uri).open_table("docs")
    return table.search(vector).limit(5).to_list()


async def similar_weaviate(vector: list[float]) -> list[Any]:  # expect: blocking-call
    with weaviate.connect_to_local() as client:
        docs = client.collections.get("Doc")
        return list(docs.query.near_vector(near_vector=vector, limit=5).objects)


async def read_export(path: str) -> bytes:  # expect: blocking-call
    fs = s3fs.S3FileSystem(anon=False)
    with fs.open(path, "rb") as fh:
        return fh.read()


async def history_frame(uri: str) -> Any:  # expect: blocking-call
    return DeltaTable(uri).to_pandas()


async def directions(client: googlemaps.Client, origin: str, dest: str) -> list[dict[str, Any]]:  # expect: blocking-call
    return client.directions(origin, dest, mode="transit")


async def push_typing(p: pusher.Pusher, channel: str) -> None:  # expect: blocking-call
    p.trigger(channel, "typing", {"on": True})


async def push_typing_offloaded(p: pusher.Pusher, channel: str) -> None:  # expect: clean  # near: blocking-call
    await asyncio.to_thread(p.trigger, channel, "typing", {"on": True})


async def email_summary(to: str, html: str) -> None:  # expect: blocking-call
    resend.Emails.send({"from": "bot@example.com", "to": [to], "subject": "Your summary", "html": html})
