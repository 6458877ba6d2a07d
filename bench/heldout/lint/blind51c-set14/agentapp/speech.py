"""Speech in and out."""
from __future__ import annotations

import assemblyai as aai
import voyageai
from elevenlabs import AsyncElevenLabs
from elevenlabs.client import ElevenLabs
from together import AsyncTogether, Together


async def transcribe(url: str) -> str:  # expect: blocking-call
    transcript = aai.Transcriber().transcribe(url)
    return transcript.text


async def speak(client: ElevenLabs, text: str) -> bytes:  # expect: blocking-call
    return b"".join(client.text_to_speech.convert(voice_id="v1", text=text, model_id="eleven_turbo_v2"))


async def speak_async(client: AsyncElevenLabs, text: str) -> bytes:  # expect: clean  # near: blocking-call
    chunks = [c async for c in client.text_to_speech.convert(voice_id="v1", text=text, model_id="eleven_turbo_v2")]
    return b"".join(chunks)


async def embed(client: voyageai.Client, texts: list[str]) -> list[list[float]]:  # expect: blocking-call
    return client.embed(texts, model="voyage-3").embeddings


async def embed_async(client: voyageai.AsyncClient, texts: list[str]) -> list[list[float]]:  # expect: clean  # near: blocking-call
    return (await client.embed(texts, model="voyage-3")).embeddings


async def complete(client: Together, prompt: str) -> str:  # expect: blocking-call
    return client.chat.completions.create(model="meta-llama/Llama-3-8b-chat-hf",
                                          messages=[{"role": "user", "content": prompt}]).choices[0].message.content


async def complete_async(client: AsyncTogether, prompt: str) -> str:  # expect: clean  # near: blocking-call
    res = await client.chat.completions.create(model="meta-llama/Llama-3-8b-chat-hf",
                                               messages=[{"role": "user", "content": prompt}])
    return res.choices[0].message.content
