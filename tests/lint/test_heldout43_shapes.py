"""Shapes found missing on a forty-third held-out set (ML serving, media, mail, cloud SDKs, thread locks, dropped
coroutines): each flagged shape beside the look-alikes that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked

BLOCKING = ["ACK102", "ACK103", "ACK104", "ACK105", "ACK106", "ACK107", "ACK109", "ACK110"]


def test_cohere_sync_clients_make_requests_and_their_async_twins_make_coroutines():
    check_marked('''
        import asyncio
        import cohere
        from cohere import AsyncClientV2, ClientV2

        async def embed(texts):
            co = cohere.Client("key")
            return co.embed(texts=texts).embeddings  # ACK102

        async def make_dataset(co: ClientV2):
            return co.datasets.create(name="d")  # ACK102

        async def embed_async(texts):
            co = cohere.AsyncClient("key")
            return (await co.embed(texts=texts)).embeddings

        async def rerank(co: AsyncClientV2, docs):
            co.rerank(query="q", documents=docs)  # ACK301
            return await co.rerank(query="q", documents=docs)

        async def offloaded(texts):
            co = cohere.Client("key")
            return await asyncio.to_thread(co.embed, texts=texts)

        def batch_job(texts):
            return cohere.Client("key").embed(texts=texts)
    ''', [*BLOCKING, "ACK301"])


def test_gspread_reaches_sheets_over_http_from_the_authorizing_helper_down_to_a_worksheet():
    check_marked('''
        import asyncio
        import gspread

        async def append(row):
            gc = gspread.service_account()  # ACK103
            gc.open("billing").sheet1.append_row(row)  # ACK102

        async def by_key(gc: gspread.Client, row):
            sh = gc.open_by_key("k")  # ACK102
            ws = sh.worksheet("totals")  # ACK102
            ws.update_acell("A1", row)  # ACK102

        async def title_of(ws: gspread.Worksheet) -> str:
            return ws.title

        async def offloaded(ws: gspread.Worksheet, row):
            await asyncio.to_thread(ws.append_row, row)

        def nightly(row):
            gspread.service_account().open("billing").sheet1.append_row(row)
    ''', BLOCKING)


def test_speech_models_and_netcdf_files_are_read_from_disk():
    check_marked('''
        import asyncio
        import netCDF4
        import whisper

        async def transcribe(path):
            model = whisper.load_model("base")  # ACK103
            return model

        async def temperature(path):
            ds = netCDF4.Dataset(path)  # ACK103
            return ds.variables["temp"][:]

        async def offloaded(path):
            return await asyncio.to_thread(netCDF4.Dataset, path)

        def warm():
            return whisper.load_model("base")
    ''', BLOCKING)


def test_media_tools_fetch_and_transcode_on_the_calling_thread():
    check_marked('''
        import asyncio
        import yt_dlp
        from pydub import AudioSegment

        async def fetch(url):
            with yt_dlp.YoutubeDL({"quiet": True}) as ydl:
                return ydl.extract_info(url, download=True)  # ACK102

        async def name_for(info):
            ydl = yt_dlp.YoutubeDL({"outtmpl": "%(id)s"})
            return ydl.prepare_filename(info)

        async def normalize(path):
            seg = AudioSegment.from_file(path)  # ACK103
            seg.normalize().export(path + ".mp3", format="mp3")  # ACK103

        async def trim(seg: AudioSegment):
            # effects and slices compute in memory
            return seg.normalize().fade_in(200)[:5000]

        async def fetch_offloaded(url):
            def work():
                with yt_dlp.YoutubeDL({}) as ydl:
                    return ydl.extract_info(url)
            return await asyncio.to_thread(work)
    ''', BLOCKING)


def test_mail_keyring_and_mqtt_one_shots_wait_for_their_service():
    check_marked('''
        import asyncio
        import functools
        import keyring
        import paho.mqtt.publish as publish
        import yagmail

        class Notifier:
            def __init__(self, user, password):
                self.yag = yagmail.SMTP(user, password)

            async def notify(self, to, text):
                self.yag.send(to=to, contents=text)  # ACK105

            def notify_sync(self, to, text):
                self.yag.send(to=to, contents=text)

        async def secret(service):
            return keyring.get_password(service, "bot")  # ACK105

        async def secret_offloaded(service):
            return await asyncio.to_thread(keyring.get_password, service, "bot")

        async def announce(topic, payload):
            publish.single(topic, payload, hostname="broker")  # ACK105

        async def announce_offloaded(topic, payload):
            await asyncio.to_thread(functools.partial(publish.single, topic, payload, hostname="broker"))
    ''', BLOCKING)


def test_a_lock_acquired_at_the_end_of_an_if_arm_is_held_in_the_rest_of_the_block():
    check_marked('''
        import asyncio
        import threading

        async def flush(lock: threading.Lock, store, urgent: bool) -> None:
            if urgent:
                lock.acquire()  # ACK201
            try:
                await store.flush()
            finally:
                if urgent:
                    lock.release()

        async def flush_else(lock: threading.RLock, store, lazy: bool) -> None:
            if lazy:
                store.mark()
            else:
                lock.acquire()  # ACK201
            await store.flush()
            lock.release()

        async def released_before_the_await(lock: threading.Lock, store, urgent: bool) -> None:
            if urgent:
                lock.acquire()
            try:
                store.mark()
            finally:
                if urgent:
                    lock.release()
            await store.flush()

        async def released_in_the_arm(lock: threading.Lock, store, urgent: bool) -> None:
            if urgent:
                lock.acquire()
                store.mark()
                lock.release()
            await store.flush()

        async def leaves_holding_it(lock: threading.Lock, store, urgent: bool) -> None:
            if urgent:
                lock.acquire()
                return
            await store.flush()

        async def an_asyncio_lock(lock: asyncio.Lock, store, urgent: bool) -> None:
            if urgent:
                await lock.acquire()
            try:
                await store.flush()
            finally:
                if urgent:
                    lock.release()

        def sync_code(lock: threading.Lock, store, urgent: bool) -> None:
            if urgent:
                lock.acquire()
            try:
                store.flush()
            finally:
                if urgent:
                    lock.release()
    ''', ["ACK201", "ACK106"])


def test_serialized_models_and_tokenizers_are_read_from_their_files_unless_handed_bytes():
    check_marked('''
        import asyncio
        import onnxruntime as ort
        import torch
        from tokenizers import Tokenizer

        async def load(path: str):
            tok = Tokenizer.from_file(path + "/tokenizer.json")  # ACK103
            session = ort.InferenceSession(path + "/model.onnx")  # ACK103
            scripted = torch.jit.load(path + "/model.pt")  # ACK103
            return tok, session, scripted

        async def save(tok: Tokenizer, path: str) -> None:
            tok.save(path)  # ACK103

        async def from_bytes(model: bytes):
            return ort.InferenceSession(model)

        async def from_upload(upload):
            data = await upload.read()
            return ort.InferenceSession(data)

        async def encode(tok: Tokenizer, text: str) -> list:
            return tok.encode(text).ids

        async def offloaded(path: str):
            return await asyncio.to_thread(ort.InferenceSession, path)
    ''', BLOCKING)


def test_an_awaitable_context_manager_made_and_dropped_never_does_its_work():
    check_marked('''
        import aiohttp
        import asyncpg
        import websockets

        async def ping(session: aiohttp.ClientSession, url: str) -> None:
            session.post(url, json={"ok": True})  # ACK301

        async def socket(session: aiohttp.ClientSession, url: str) -> None:
            session.ws_connect(url)  # ACK301

        async def warm(pool: asyncpg.Pool, url: str) -> None:
            pool.acquire()  # ACK301
            websockets.connect(url)  # ACK301

        async def entered(session: aiohttp.ClientSession, url: str) -> int:
            async with session.get(url) as resp:
                return resp.status

        async def awaited(session: aiohttp.ClientSession, url: str) -> int:
            resp = await session.get(url)
            return resp.status

        async def held_then_entered(session: aiohttp.ClientSession, url: str) -> int:
            request = session.get(url)
            async with request as resp:
                return resp.status

        async def pooled(pool: asyncpg.Pool) -> None:
            async with pool.acquire() as conn:
                await conn.execute("select 1")

        class Client:
            def get(self, url: str) -> str:
                return url

        async def own_get(client: Client, url: str) -> None:
            client.get(url)
    ''', ["ACK301"])
