"""Shapes the lead's blind sets of session 51 (bench/heldout/lint/blind51c-*) showed missing: audio tag readers
(mutagen's file types and tag sets, tinytag, eyeD3) read the file they are named, and `save()` writes it back
(ACK103). Look-alikes: an empty tag set made to be filled, tags read from an in-memory buffer, the same calls in a
sync helper or handed to a thread."""
from __future__ import annotations

from .helpers import check_marked, project_findings


def test_audio_tag_readers_read_their_file():
    check_marked('''
        import asyncio
        import io

        import eyed3
        import mutagen
        from mutagen.easyid3 import EasyID3
        from mutagen.flac import FLAC
        from mutagen.id3 import ID3
        from mutagen.mp3 import MP3
        from tinytag import TinyTag


        async def duration(path: str) -> float:
            return MP3(path).info.length  # ACK103


        async def retitle(path: str, title: str) -> None:
            tags = EasyID3(path)  # ACK103
            tags["title"] = title
            tags.save()  # ACK103


        async def probe(path: str):
            audio = mutagen.File(path)  # ACK103
            return audio.mime if audio else None


        async def cover_art(path: str) -> bytes:
            return FLAC(path).pictures[0].data  # ACK103


        async def summary(path: str) -> str:
            return TinyTag.get(path).title  # ACK103


        async def artist(path: str) -> str:
            return eyed3.load(path).tag.artist  # ACK103


        async def fresh_tags(path: str) -> ID3:
            tags = ID3()
            tags.add_title = "draft"
            return tags


        async def from_upload(blob: bytes):
            return mutagen.File(io.BytesIO(blob))


        def duration_sync(path: str) -> float:
            return MP3(path).info.length


        async def duration_offloaded(path: str) -> float:
            return await asyncio.to_thread(lambda: MP3(path).info.length)
    ''', ["ACK103"])


def test_atlassian_clients_are_rest_clients():
    check_marked('''
        import asyncio
        import functools

        from atlassian import Confluence
        from jira import JIRA


        class Clients:
            def __init__(self, url: str, token: str) -> None:
                self.url = url
                self.token = token

            @functools.cached_property
            def jira(self) -> JIRA:
                return JIRA(self.url, token_auth=self.token)


        async def open_ticket(clients: Clients, summary: str) -> str:
            issue = clients.jira.create_issue(project="OPS", summary=summary)  # ACK102
            issue.update(fields={"labels": ["bot"]})  # ACK102
            return issue.key


        async def status(clients: Clients, key: str) -> str:
            issue = await asyncio.to_thread(clients.jira.issue, key)
            return issue.fields.status.name


        async def connect(url: str) -> JIRA:
            return JIRA(url)  # ACK102


        async def connect_lazily(url: str) -> JIRA:
            return JIRA(url, get_server_info=False)


        async def server(clients: Clients) -> str:
            return clients.jira.server_url


        async def page(wiki: Confluence, space: str, title: str) -> dict:
            return wiki.get_page_by_title(space, title)  # ACK102


        async def page_url(wiki: Confluence) -> str:
            return wiki.url


        def open_ticket_sync(jira: JIRA, summary: str) -> str:
            return jira.create_issue(project="OPS", summary=summary).key
    ''', ["ACK102"])


def test_search_marketing_and_analytics_clients():
    check_marked('''
        import asyncio

        import mailchimp_marketing
        import meilisearch
        import typesense
        from mixpanel import Mixpanel


        class Catalogue:
            def __init__(self, url: str, key: str) -> None:
                self.client = meilisearch.Client(url, key)
                self.index = self.client.index("products")

            async def search(self, query: str) -> list:
                return self.index.search(query)["hits"]  # ACK102

            async def health(self) -> dict:
                return self.client.health()  # ACK102

            async def tenant_token(self, uid: str) -> str:
                return self.client.generate_tenant_token(uid, ["products"])

            async def search_offloaded(self, query: str) -> list:
                return (await asyncio.to_thread(self.index.search, query))["hits"]

            async def name(self) -> str:
                return self.index.uid


        async def find(client: typesense.Client, q: str) -> dict:
            return client.collections["products"].documents.search({"q": q})  # ACK102


        async def configure(client: mailchimp_marketing.Client, key: str) -> None:
            client.set_config({"api_key": key, "server": "us1"})


        async def subscribe(client: mailchimp_marketing.Client, list_id: str, email: str) -> None:
            client.lists.add_list_member(list_id, {"email_address": email})  # ACK102


        async def track(mp: Mixpanel, user: str) -> None:
            mp.track(user, "checkout")  # ACK102


        async def track_offloaded(mp: Mixpanel, user: str) -> None:
            await asyncio.to_thread(mp.track, user, "checkout")


        def track_sync(mp: Mixpanel, user: str) -> None:
            mp.track(user, "checkout")
    ''', ["ACK102"])


def test_a_helper_whose_thread_calls_the_callback_it_closes_over():
    check_marked('''
        import asyncio
        import threading


        class VendorSDK:
            def subscribe(self, topic, callback):
                def reader():
                    callback({"topic": topic})

                threading.Thread(target=reader, daemon=True).start()

            def subscribe_on_loop(self, loop, topic, callback):
                def reader():
                    loop.call_soon_threadsafe(callback, {"topic": topic})

                threading.Thread(target=reader, daemon=True).start()


        class Bridge:
            def __init__(self, sdk: VendorSDK) -> None:
                self.sdk = sdk
                self.changed = asyncio.Event()

            def start(self) -> None:
                self.sdk.subscribe("telemetry", self._on_message)
                self.sdk.subscribe("status", self.changed.set)  # ACK401

            def _on_message(self, msg: dict) -> None:
                self.changed.set()  # ACK401


        class LoopBridge:
            def __init__(self, sdk: VendorSDK, loop: asyncio.AbstractEventLoop) -> None:
                self.sdk = sdk
                self.loop = loop
                self.changed = asyncio.Event()

            def start(self) -> None:
                self.sdk.subscribe("telemetry", self._on_message)
                self.sdk.subscribe_on_loop(self.loop, "status", self._direct)

            def _on_message(self, msg: dict) -> None:
                self.loop.call_soon_threadsafe(self.changed.set)

            def _direct(self, msg: dict) -> None:
                self.changed.set()
    ''', ["ACK401", "ACK402"])


def test_the_helper_may_live_in_another_module(tmp_path):
    found = project_findings(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/sdk.py": '''
import threading


class VendorSDK:
    def subscribe(self, topic, callback):
        def reader():
            callback({"topic": topic})

        threading.Thread(target=reader, daemon=True).start()
''',
        "pkg/bridge.py": '''
import asyncio

from .sdk import VendorSDK


class Bridge:
    def __init__(self, sdk: VendorSDK) -> None:
        self.sdk = sdk
        self.changed = asyncio.Event()

    def start(self) -> None:
        self.sdk.subscribe("status", self.changed.set)
''',
    }, ["ACK401"])
    assert {(path, line) for path, line, _ in found} == {("pkg/bridge.py", 12)}


def test_gemini_reddit_llamaindex_spacy_and_toml():
    check_marked('''
        import asyncio
        import io

        import google.generativeai as legacy_genai
        import praw
        import spacy
        import toml
        from google import genai
        from llama_index.core import VectorStoreIndex
        from llama_index.core.query_engine import BaseQueryEngine
        from llama_index.llms.openai import OpenAI


        async def summarize(client: genai.Client, text: str) -> str:
            return client.models.generate_content(model="gemini-2.0-flash", contents=text).text  # ACK102


        async def summarize_async(client: genai.Client, text: str) -> str:
            return (await client.aio.models.generate_content(model="gemini-2.0-flash", contents=text)).text


        async def converse(client: genai.Client, text: str) -> str:
            chat = client.chats.create(model="gemini-2.0-flash")
            return chat.send_message(text).text  # ACK102


        async def converse_async(client: genai.Client, text: str) -> str:
            chat = client.aio.chats.create(model="gemini-2.0-flash")
            return (await chat.send_message(text)).text


        async def legacy(text: str) -> str:
            model = legacy_genai.GenerativeModel("gemini-1.5-flash")
            return model.generate_content(text).text  # ACK102


        async def legacy_async(text: str) -> str:
            model = legacy_genai.GenerativeModel("gemini-1.5-flash")
            return (await model.generate_content_async(text)).text


        async def hot(reddit: praw.Reddit, name: str) -> list:
            sub = reddit.subreddit(name)
            return [p.title for p in sub.hot(limit=5)]  # ACK102


        async def sub_name(reddit: praw.Reddit, name: str) -> str:
            return reddit.subreddit(name).display_name


        async def ask(engine: BaseQueryEngine, q: str) -> str:
            return str(engine.query(q))  # ACK102


        async def ask_async(engine: BaseQueryEngine, q: str) -> str:
            return str(await engine.aquery(q))


        async def build(docs: list) -> str:
            index = VectorStoreIndex.from_documents(docs)  # ACK102
            engine = index.as_query_engine()
            return str(await engine.aquery("what is new?"))


        async def complete(llm: OpenAI, prompt: str) -> str:
            return llm.complete(prompt).text  # ACK102


        async def complete_async(llm: OpenAI, prompt: str) -> str:
            return (await llm.acomplete(prompt)).text


        async def ents(text: str) -> list:
            nlp = spacy.load("en_core_web_sm")  # ACK103
            return [e.text for e in nlp(text).ents]


        async def settings(path: str) -> dict:
            return toml.load(path)  # ACK103


        async def settings_text(text: str) -> dict:
            return toml.loads(text) | toml.load(io.StringIO(text))


        def ask_sync(engine: BaseQueryEngine, q: str) -> str:
            return str(engine.query(q))
    ''', ["ACK102", "ACK103"])


def test_dropped_twins_of_gemini_and_llamaindex_are_unawaited():
    check_marked('''
        import google.generativeai as legacy_genai
        from llama_index.core.query_engine import BaseQueryEngine


        async def fire(engine: BaseQueryEngine, model: legacy_genai.GenerativeModel, q: str) -> None:
            engine.aquery(q)  # ACK301
            model.generate_content_async(q)  # ACK301
    ''', ["ACK301"])


def test_service_bus_links_probes_cached_sessions_and_read_html():
    check_marked('''
        import asyncio
        import io

        import aiohttp
        import nmap
        import ntplib
        import pandas as pd
        import whois
        from azure.servicebus import ServiceBusClient, ServiceBusMessage
        from azure.servicebus.aio import ServiceBusClient as AsyncServiceBusClient
        from requests_cache import CachedSession


        async def publish(bus: ServiceBusClient, body: str) -> None:
            with bus.get_queue_sender("events") as sender:
                sender.send_messages(ServiceBusMessage(body))  # ACK102


        async def publish_async(bus: AsyncServiceBusClient, body: str) -> None:
            async with bus.get_queue_sender("events") as sender:
                await sender.send_messages(ServiceBusMessage(body))


        async def drain(bus: ServiceBusClient) -> int:
            receiver = bus.get_subscription_receiver("events", "audit")
            batch = receiver.receive_messages(max_message_count=10)  # ACK102
            return len(batch)


        async def owner(domain: str) -> str:
            return whois.whois(domain).registrar  # ACK105


        async def offset() -> float:
            return ntplib.NTPClient().request("pool.ntp.org").offset  # ACK105


        async def ports(host: str) -> dict:
            return nmap.PortScanner().scan(host, "22-443")  # ACK104


        async def ports_offloaded(host: str) -> dict:
            return await asyncio.to_thread(nmap.PortScanner().scan, host, "22-443")


        async def cached(session: CachedSession, url: str) -> bytes:
            return session.get(url).content  # ACK102


        async def tables(url: str) -> list:
            return pd.read_html(url)  # ACK103


        async def tables_of_page(session: aiohttp.ClientSession, url: str) -> list:
            async with session.get(url) as resp:
                html = await resp.text()
            return pd.read_html(io.StringIO(html))
    ''', ["ACK102", "ACK103", "ACK104", "ACK105"])


def test_a_method_inherited_from_a_base_class_of_another_module_returns_what_it_says(tmp_path):
    found = project_findings(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/base.py": '''
import threading
from collections import defaultdict


class Guarded:
    def __init__(self) -> None:
        self._mutex = threading.RLock()
        self._key_locks: defaultdict[str, threading.Lock] = defaultdict(threading.Lock)

    def key_lock(self, key: str) -> threading.Lock:
        with self._mutex:
            return self._key_locks[key]

    def label(self, key: str) -> str:
        return f"lock:{key}"
''',
        "pkg/proxy.py": '''
import asyncio

from .base import Guarded


class Proxy(Guarded):
    async def get(self, key, fetch):
        with self.key_lock(key):
            return await fetch(key)


class SafeProxy(Guarded):
    async def get(self, key, fetch):
        with self.key_lock(key):
            cached = key in self._key_locks
        return cached, await fetch(key)


class Labelled(Guarded):
    def key_lock(self, key):
        return asyncio.Lock()

    async def get(self, key, fetch):
        async with self.key_lock(key):
            return await fetch(self.label(key))
''',
    }, ["ACK201"])
    assert {(path, line) for path, line, _ in found} == {("pkg/proxy.py", 8)}


def test_model_gateways_and_vector_databases():
    check_marked('''
        import asyncio

        import lancedb
        import litellm
        import replicate
        import weaviate
        from mistralai import Mistral
        from pymilvus import AsyncMilvusClient, MilvusClient


        async def chat(messages: list) -> str:
            return litellm.completion(model="gpt-4o-mini", messages=messages).choices[0].message.content  # ACK102


        async def chat_async(messages: list) -> str:
            return (await litellm.acompletion(model="gpt-4o-mini", messages=messages)).choices[0].message.content


        async def fire_and_forget(messages: list) -> None:
            litellm.acompletion(model="gpt-4o-mini", messages=messages)  # ACK301


        async def mistral(client: Mistral, prompt: str) -> str:
            return client.chat.complete(model="m", messages=[prompt]).choices[0].message.content  # ACK102


        async def mistral_async(client: Mistral, prompt: str) -> str:
            return (await client.chat.complete_async(model="m", messages=[prompt])).choices[0].message.content


        async def image(prompt: str):
            return replicate.run("stability-ai/sdxl", input={"prompt": prompt})  # ACK102


        async def image_async(prompt: str):
            return await replicate.async_run("stability-ai/sdxl", input={"prompt": prompt})


        async def similar(client: MilvusClient, vector: list) -> list:
            return client.search(collection_name="docs", data=[vector], limit=5)  # ACK102


        async def similar_async(client: AsyncMilvusClient, vector: list) -> list:
            return await client.search(collection_name="docs", data=[vector], limit=5)


        async def nearest(uri: str, vector: list) -> list:
            table = lancedb.connect(uri).open_table("docs")  # ACK103
            query = table.search(vector).limit(5).where("lang = 'en'")
            return query.to_list()  # ACK103


        async def nearest_weaviate(vector: list) -> list:
            with weaviate.connect_to_local() as client:  # ACK102
                docs = client.collections.get("Doc")
                name = docs.name
                return list(docs.query.near_vector(near_vector=vector, limit=5).objects)  # ACK102


        def nearest_sync(uri: str, vector: list) -> list:
            return lancedb.connect(uri).open_table("docs").search(vector).to_list()


        async def nearest_offloaded(uri: str, vector: list) -> list:
            return await asyncio.to_thread(nearest_sync, uri, vector)
    ''', ["ACK102", "ACK103", "ACK301"])


def test_delta_tables_maps_and_resend():
    check_marked('''
        import asyncio

        import googlemaps
        import resend
        from deltalake import DeltaTable, write_deltalake


        async def frame(uri: str):
            return DeltaTable(uri).to_pandas()  # ACK103


        async def append(uri: str, df) -> None:
            write_deltalake(uri, df, mode="append")  # ACK103


        async def route(client: googlemaps.Client, a: str, b: str) -> list:
            return client.directions(a, b)  # ACK102


        async def quota(client: googlemaps.Client) -> int:
            return client.queries_quota


        async def mail(to: str) -> None:
            resend.Emails.send({"from": "bot@example.com", "to": [to], "subject": "hi", "html": "<p>hi</p>"})  # ACK102


        async def mail_offloaded(to: str) -> None:
            await asyncio.to_thread(resend.Emails.send, {"from": "bot@example.com", "to": [to]})
    ''', ["ACK102", "ACK103"])


def test_langchain_loaders_and_vector_stores():
    check_marked('''
        import asyncio

        from langchain_chroma import Chroma
        from langchain_community.document_loaders import PyPDFLoader, WebBaseLoader
        from langchain_community.vectorstores import FAISS
        from langchain_core.vectorstores import VectorStore


        async def ingest(store: VectorStore, url: str) -> None:
            docs = WebBaseLoader(url).load()  # ACK102
            store.add_documents(docs)  # ACK102


        async def ingest_async(store: VectorStore, url: str) -> None:
            docs = await WebBaseLoader(url).aload()
            await store.aadd_documents(docs)


        async def pdf(path: str) -> list:
            return PyPDFLoader(path).load()  # ACK103


        async def pdf_offloaded(path: str) -> list:
            return await asyncio.to_thread(PyPDFLoader(path).load)


        async def ask(store: Chroma, q: str) -> list:
            return store.similarity_search(q, k=4)  # ACK102


        async def ask_faiss(store: FAISS, q: str) -> list:
            return await store.asimilarity_search(q, k=4)


        async def dropped(store: VectorStore, q: str) -> None:
            store.asimilarity_search(q)  # ACK301


        def ask_sync(store: VectorStore, q: str) -> list:
            return store.similarity_search(q)
    ''', ["ACK102", "ACK103", "ACK301"])


def test_agent_frameworks_and_speech_clients():
    check_marked('''
        import assemblyai as aai
        import voyageai
        from agents import Agent, Runner
        from crewai import Crew
        from elevenlabs.client import ElevenLabs
        from haystack import AsyncPipeline, Pipeline
        from pydantic_ai import Agent as PydanticAgent
        from smolagents import CodeAgent
        from together import AsyncTogether, Together


        async def openai_agent(agent: Agent, q: str):
            return Runner.run_sync(agent, q)  # ACK108


        async def openai_agent_async(agent: Agent, q: str):
            return await Runner.run(agent, q)


        async def crew(c: Crew):
            return c.kickoff(inputs={})  # ACK102


        async def crew_async(c: Crew):
            return await c.kickoff_async(inputs={})


        async def haystack(p: Pipeline, ap: AsyncPipeline, q: str):
            p.run({"q": q})  # ACK102
            ap.run({"q": q})  # ACK108
            return await ap.run_async({"q": q})


        async def pyd(agent: PydanticAgent, q: str):
            return agent.run_sync(q)  # ACK108


        async def pyd_async(agent: PydanticAgent, q: str):
            return await agent.run(q)


        async def smol(agent: CodeAgent, task: str):
            return agent.run(task)  # ACK102


        async def transcribe(url: str) -> str:
            return aai.Transcriber().transcribe(url).text  # ACK102


        async def speak(client: ElevenLabs, text: str):
            return client.text_to_speech.convert(voice_id="v", text=text)  # ACK102


        async def embed(client: voyageai.Client, texts: list):
            return client.embed(texts, model="voyage-3")  # ACK102


        async def tokens(client: voyageai.Client, texts: list):
            return client.count_tokens(texts)


        async def embed_async(client: voyageai.AsyncClient, texts: list):
            return await client.embed(texts, model="voyage-3")


        async def together(client: Together, prompt: str):
            return client.chat.completions.create(model="m", messages=[prompt])  # ACK102


        async def together_async(client: AsyncTogether, prompt: str):
            return await client.chat.completions.create(model="m", messages=[prompt])


        def crew_sync(c: Crew):
            return c.kickoff(inputs={})
    ''', ["ACK102", "ACK108"])


def test_pi_camera_and_classic_bluetooth():
    check_marked('''
        import asyncio

        import bluetooth
        from picamera2 import Picamera2


        async def snapshot(camera: Picamera2, path: str) -> None:
            camera.capture_file(path)  # ACK103


        async def frame(camera: Picamera2):
            return camera.capture_array()  # ACK106


        async def frame_offloaded(camera: Picamera2):
            return await asyncio.to_thread(camera.capture_array)


        async def configure(camera: Picamera2) -> None:
            camera.configure(camera.create_still_configuration())


        async def nearby() -> list:
            return bluetooth.discover_devices(duration=8)  # ACK105


        def nearby_sync() -> list:
            return bluetooth.discover_devices(duration=8)
    ''', ["ACK103", "ACK105", "ACK106"])


def test_document_pipeline_tools():
    check_marked('''
        import asyncio
        import io

        import cloudscraper
        import mechanicalsoup
        import pdfplumber
        import pypandoc
        import pytesseract
        import trafilatura
        from curl_cffi import requests as curl_requests
        from newspaper import Article
        from pdf2image import convert_from_path


        async def protected(url: str) -> str:
            return cloudscraper.create_scraper().get(url).text  # ACK102


        async def impersonate(url: str) -> str:
            return curl_requests.get(url, impersonate="chrome").text  # ACK102


        async def impersonate_async(url: str) -> str:
            async with curl_requests.AsyncSession() as s:
                return (await s.get(url)).text


        async def login(url: str) -> None:
            browser = mechanicalsoup.StatefulBrowser()
            browser.open(url)  # ACK102
            browser.select_form("form")


        async def text(url: str):
            page = trafilatura.fetch_url(url)  # ACK102
            return trafilatura.extract(page)


        async def text_of(html: str):
            return trafilatura.extract(html)


        async def news(url: str) -> str:
            a = Article(url)
            a.download()  # ACK102
            a.parse()
            return a.text


        async def ocr(image) -> str:
            return pytesseract.image_to_string(image)  # ACK104


        async def ocr_offloaded(image) -> str:
            return await asyncio.to_thread(pytesseract.image_to_string, image)


        async def pdf(path: str) -> int:
            with pdfplumber.open(path) as doc:  # ACK103
                return len(doc.pages)


        async def pdf_upload(blob: bytes) -> int:
            with pdfplumber.open(io.BytesIO(blob)) as doc:
                return len(doc.pages)


        async def pages(path: str) -> list:
            return convert_from_path(path)  # ACK104


        async def docx(path: str) -> None:
            pypandoc.convert_file(path, "docx", outputfile="out.docx")  # ACK104
    ''', ["ACK102", "ACK103", "ACK104"])


def test_notification_clients():
    check_marked('''
        import asyncio

        import apprise
        import vonage
        from apns2.client import APNsClient
        from discord_webhook import DiscordWebhook
        from pyfcm import FCMNotification
        from pywebpush import webpush


        async def android(fcm: FCMNotification, token: str) -> None:
            fcm.notify(fcm_token=token, notification_title="hi")  # ACK102


        async def ios(client: APNsClient, token: str, payload) -> None:
            client.send_notification(token, payload, topic="t")  # ACK102


        async def browser(sub: dict, key: str) -> None:
            webpush(subscription_info=sub, data="x", vapid_private_key=key)  # ACK102


        async def discord(url: str) -> None:
            hook = DiscordWebhook(url=url, content="hi")
            hook.execute()  # ACK102


        async def everywhere(urls: list) -> bool:
            ap = apprise.Apprise()
            for url in urls:
                ap.add(url)
            return ap.notify(body="hi")  # ACK102


        async def everywhere_async(urls: list) -> bool:
            ap = apprise.Apprise()
            ap.add(urls)
            return await ap.async_notify(body="hi")


        async def forgot(ap: apprise.Apprise) -> None:
            ap.async_notify(body="hi")  # ACK301


        async def sms(client: vonage.Client, to: str) -> None:
            client.sms.send_message({"to": to, "text": "hi"})  # ACK102


        async def sms_offloaded(client: vonage.Client, to: str) -> None:
            await asyncio.to_thread(client.sms.send_message, {"to": to, "text": "hi"})
    ''', ["ACK102", "ACK301"])


def test_broker_and_market_data_clients():
    check_marked('''
        import asyncio

        import MetaTrader5 as mt5
        from alpaca.trading.client import TradingClient
        from binance import AsyncClient
        from binance.client import Client
        from fredapi import Fred


        async def equity(client: TradingClient) -> float:
            return float(client.get_account().equity)  # ACK102


        async def equity_offloaded(client: TradingClient) -> float:
            return float((await asyncio.to_thread(client.get_account)).equity)


        async def price(client: Client, symbol: str) -> float:
            return float(client.get_symbol_ticker(symbol=symbol)["price"])  # ACK102


        async def price_async(client: AsyncClient, symbol: str) -> float:
            return float((await client.get_symbol_ticker(symbol=symbol))["price"])


        async def connect(key: str, secret: str) -> Client:
            return Client(key, secret)  # ACK102


        async def series(fred: Fred):
            return fred.get_series("CPIAUCSL")  # ACK102


        async def positions():
            return mt5.positions_get()  # ACK105
    ''', ["ACK102", "ACK105"])


def test_business_saas_clients():
    check_marked('''
        import asyncio

        import shopify
        from notion_client import AsyncClient, Client
        from pyairtable import Api
        from simple_salesforce import Salesforce
        from supabase import create_client


        async def rows(url: str, key: str) -> list:
            db = create_client(url, key)
            query = db.table("signups").select("*").eq("plan", "pro")
            return query.execute().data  # ACK102


        async def rows_offloaded(url: str, key: str) -> list:
            db = create_client(url, key)
            return (await asyncio.to_thread(db.table("signups").select("*").execute)).data


        async def airtable(api: Api) -> list:
            table = api.table("app1", "Leads")
            return table.all()  # ACK102


        async def page(notion: Client, parent: str) -> dict:
            return notion.pages.create(parent={"database_id": parent})  # ACK102


        async def page_async(notion: AsyncClient, parent: str) -> dict:
            return await notion.pages.create(parent={"database_id": parent})


        async def accounts(sf: Salesforce) -> list:
            sf.Contact.create({"LastName": "Ada"})  # ACK102
            return sf.query("SELECT Id FROM Account")["records"]  # ACK102


        async def orders(since: int) -> list:
            return shopify.Order.find(since_id=since)  # ACK102


        def orders_sync(since: int) -> list:
            return shopify.Order.find(since_id=since)
    ''', ["ACK102"])


def test_hosting_and_virtualisation_apis():
    check_marked('''
        import asyncio

        import libvirt
        import openstack
        from cloudflare import Cloudflare
        from hcloud import Client
        from napalm import get_network_driver
        from proxmoxer import ProxmoxAPI


        async def servers(client: Client) -> list:
            return client.servers.get_all()  # ACK102


        async def servers_offloaded(client: Client) -> list:
            return await asyncio.to_thread(client.servers.get_all)


        async def done(client: Client) -> None:
            client.close()


        async def vms(proxmox: ProxmoxAPI, node: str) -> list:
            path = proxmox.nodes(node).qemu
            return path.get()  # ACK102


        async def domains() -> list:
            conn = libvirt.open("qemu:///system")  # ACK105
            return conn.listAllDomains()  # ACK105


        async def cloud_servers(cloud: str) -> list:
            conn = openstack.connect(cloud=cloud)
            return list(conn.compute.servers())  # ACK102


        async def facts(host: str) -> dict:
            driver = get_network_driver("eos")
            with driver(host, "admin", "pw") as device:  # ACK105
                return device.get_facts()  # ACK105


        async def records(cf: Cloudflare, zone: str) -> list:
            return list(cf.dns.records.list(zone_id=zone))  # ACK102
    ''', ["ACK102", "ACK105"])


def test_warehouse_drivers_spark_airflow_and_pulsar():
    check_marked('''
        import asyncio

        import connectorx as cx
        import pulsar
        import trino
        from airflow.providers.postgres.hooks.postgres import PostgresHook
        from databricks import sql as databricks_sql
        from pyspark.sql import SparkSession


        async def rows(host: str, path: str, token: str, q: str) -> list:
            with databricks_sql.connect(server_hostname=host, http_path=path, access_token=token) as conn:  # ACK105
                with conn.cursor() as cur:
                    cur.execute(q)  # ACK105
                    return cur.fetchall()  # ACK105


        async def trino_rows(host: str, q: str) -> list:
            cur = trino.dbapi.connect(host=host).cursor()  # ACK105
            cur.execute(q)  # ACK105
            return cur.fetchall()  # ACK105


        async def frame(uri: str, q: str):
            return cx.read_sql(uri, q)  # ACK105


        async def frame_offloaded(uri: str, q: str):
            return await asyncio.to_thread(cx.read_sql, uri, q)


        async def total(spark: SparkSession, table: str) -> int:
            plan = spark.table(table).filter("amount > 0").groupBy("day").count()
            return len(plan.collect())  # ACK105


        async def plan_only(spark: SparkSession, table: str):
            return spark.table(table).select("day").where("amount > 0")


        async def records(sql: str) -> list:
            return PostgresHook(postgres_conn_id="wh").get_records(sql)  # ACK105


        async def publish(client: pulsar.Client, data: bytes) -> None:
            producer = client.create_producer("events")  # ACK105
            producer.send(data)  # ACK105
            producer.send_async(data, callback=None)
    ''', ["ACK105"])


def test_desktop_clipboard_speech_sound_screen_and_journal():
    check_marked('''
        import asyncio

        import mss
        import pyautogui
        import pyperclip
        import pyttsx3
        import simpleaudio
        from playsound import playsound
        from systemd import journal


        async def paste() -> str:
            return pyperclip.paste()  # ACK104


        async def say(text: str) -> None:
            engine = pyttsx3.init()
            engine.say(text)
            engine.runAndWait()  # ACK106


        async def chime(path: str) -> None:
            playsound(path)  # ACK106


        async def chime_and_go(path: str) -> None:
            playsound(path, block=False)


        async def beep(wave: simpleaudio.WaveObject) -> None:
            play = wave.play()
            play.wait_done()  # ACK106


        async def beep_and_go(wave: simpleaudio.WaveObject):
            return wave.play()


        async def shot(path: str) -> None:
            with mss.mss() as sct:
                sct.shot(output=path)  # ACK103


        async def find(image: str):
            return pyautogui.locateOnScreen(image)  # ACK109


        async def errors(unit: str) -> list:
            reader = journal.Reader()
            reader.add_match(_SYSTEMD_UNIT=unit)
            return [e["MESSAGE"] for e in reader]  # ACK103


        async def say_offloaded(text: str) -> None:
            await asyncio.to_thread(pyperclip.copy, text)
    ''', ["ACK103", "ACK104", "ACK106", "ACK109"])


def test_stomp_aerospike_and_hazelcast():
    check_marked('''
        import asyncio

        import aerospike
        import hazelcast
        import stomp


        async def send(conn: stomp.Connection, body: str) -> None:
            conn.connect("u", "p", wait=True)  # ACK105
            conn.send(body=body, destination="/queue/x")  # ACK105


        async def record(config: dict, key: tuple):
            client = aerospike.client(config).connect()  # ACK105
            return client.get(key)  # ACK105


        async def lookup(client: hazelcast.HazelcastClient, key: str):
            return client.get_map("sessions").blocking().get(key)  # ACK105


        async def lookup_future(client: hazelcast.HazelcastClient, key: str):
            return client.get_map("sessions").get(key)


        async def connect() -> hazelcast.HazelcastClient:
            return hazelcast.HazelcastClient()  # ACK105


        async def record_offloaded(client: aerospike.Client, key: tuple):
            return await asyncio.to_thread(client.get, key)
    ''', ["ACK105"])


def test_experiment_tracking_and_data_versions():
    check_marked('''
        import asyncio

        import dvc.api
        import wandb
        from clearml import Task
        from label_studio_sdk import Client


        async def start(project: str) -> str:
            return wandb.init(project=project).id  # ACK102


        async def step(loss: float) -> None:
            wandb.log({"loss": loss})


        async def start_offloaded(project: str):
            return await asyncio.to_thread(wandb.init, project=project)


        async def task(project: str) -> str:
            return Task.init(project_name=project, task_name="t").id  # ACK102


        async def data(path: str) -> bytes:
            return dvc.api.read(path, mode="rb")  # ACK103


        async def tasks(ls: Client, pid: int) -> list:
            project = ls.get_project(pid)  # ACK102
            return project.get_tasks()  # ACK102
    ''', ["ACK102", "ACK103"])


def test_mailbox_and_calendar_clients():
    check_marked('''
        import asyncio

        import caldav
        from exchangelib import Account
        from imap_tools import MailBox
        from imapclient import IMAPClient


        async def subjects(host: str, user: str, pw: str) -> list:
            with MailBox(host).login(user, pw) as box:  # ACK105
                return [m.subject for m in box.fetch(limit=5)]  # ACK105


        async def unseen(client: IMAPClient) -> int:
            return len(client.search(["UNSEEN"]))  # ACK105


        async def inbox(email: str, creds) -> list:
            account = Account(email, credentials=creds, autodiscover=True)  # ACK102
            query = account.inbox.all().order_by("-datetime_received")
            return [item.subject for item in query]  # ACK102


        async def configured(email: str, config) -> Account:
            return Account(email, config=config, autodiscover=False)


        async def calendars(url: str) -> list:
            client = caldav.DAVClient(url=url)
            return client.principal().calendars()  # ACK102 ACK102


        async def subjects_offloaded(host: str) -> list:
            return await asyncio.to_thread(lambda: list(MailBox(host).fetch()))
    ''', ["ACK102", "ACK105"])


def test_marketing_and_search_data_clients():
    check_marked('''
        import asyncio

        from duckduckgo_search import AsyncDDGS, DDGS
        from facebook_business.adobjects.adaccount import AdAccount
        from google.ads.googleads.client import GoogleAdsClient
        from pytrends.request import TrendReq
        from serpapi import GoogleSearch


        async def spend(client: GoogleAdsClient, cid: str) -> list:
            service = client.get_service("GoogleAdsService")
            return list(service.search(customer_id=cid, query="SELECT 1"))  # ACK102


        async def insights(account_id: str) -> list:
            account = AdAccount(account_id)
            name = account.get_id()
            return list(account.get_insights(fields=["spend"]))  # ACK102


        async def trend(keyword: str):
            pytrends = TrendReq(hl="en-US")  # ACK102
            pytrends.build_payload([keyword])  # ACK102
            return pytrends.interest_over_time()  # ACK102


        async def serp(q: str) -> dict:
            return GoogleSearch({"q": q}).get_dict()  # ACK102


        async def search(q: str) -> list:
            with DDGS() as ddgs:
                return list(ddgs.text(q))  # ACK102


        async def search_async(q: str) -> list:
            return await AsyncDDGS().atext(q)


        async def search_offloaded(q: str) -> list:
            return await asyncio.to_thread(lambda: list(DDGS().text(q)))
    ''', ["ACK102"])
