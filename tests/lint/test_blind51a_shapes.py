"""Shapes a blind probe (LLM and vector-store clients, Kubernetes and Docker, network automation, ORMs and exchanges,
lab instruments and audio, office reports) missed. Each flagged shape beside its look-alikes."""
from __future__ import annotations

from .helpers import check_marked


def test_pymongos_own_async_client_makes_coroutines_of_a_collections_requests_but_not_of_find():
    check_marked('''
        from pymongo import AsyncMongoClient, MongoClient

        async def save_forgot(trade):
            client = AsyncMongoClient("mongodb://db")
            client.market.trades.insert_one(trade)  # ACK301

        async def save(trade):
            client = AsyncMongoClient("mongodb://db")
            await client.market.trades.insert_one(trade)
            cursor = client.market.trades.find({"s": trade["s"]}).sort("t", -1)
            async for doc in client.get_database("market").get_collection("trades").find({}):
                print(doc)
            return await cursor.to_list(10)

        def save_sync(trade):
            MongoClient("mongodb://db").market.trades.insert_one(trade)
    ''', ["ACK301"])


def test_a_ccxt_async_exchange_makes_coroutines_of_its_requests_and_not_of_its_local_helpers():
    check_marked('''
        import ccxt
        import ccxt.async_support as accxt
        import ccxt.pro as ccxtpro

        class Trader:
            exchange: accxt.Exchange

            async def shutdown(self, placed):
                for oid in placed:
                    self.exchange.cancel_order(oid)  # ACK301
                await self.exchange.close()

        async def ticker_forgot(symbol):
            ex = accxt.binance()
            ex.fetchTicker(symbol)  # ACK301
            price = ex.price_to_precision(symbol, 1.23456)
            return ex.market(symbol), price

        async def stream_forgot(symbol):
            ex = ccxtpro.kraken()
            ex.watch_order_book(symbol)  # ACK301

        async def ticker(symbol):
            ex = accxt.binance()
            try:
                return await ex.fetch_ticker(symbol)
            finally:
                await ex.close()

        def ticker_sync(symbol):
            return ccxt.binance().fetch_ticker(symbol)
    ''', ["ACK301"])


def test_pysnmps_asyncio_commands_are_coroutine_functions_and_its_sync_ones_are_not():
    check_marked('''
        from pysnmp.hlapi import getCmd as sync_get
        from pysnmp.hlapi.asyncio import setCmd, getCmd
        from pysnmp.hlapi.v3arch.asyncio import set_cmd

        async def shut_port(engine, target, oid):
            setCmd(engine, "private", target, oid)  # ACK301

        async def shut_port_v6(engine, target, oid):
            set_cmd(engine, "private", target, oid)  # ACK301

        async def uptime(engine, target, oid):
            return await getCmd(engine, "public", target, oid)

        def uptime_sync(engine, target, oid):
            return next(sync_get(engine, "public", target, oid))
    ''', ["ACK301"])


def test_pyserial_asyncios_writer_is_asyncios_stream_writer():
    check_marked('''
        import serial_asyncio

        async def tare(device):
            reader, writer = await serial_asyncio.open_serial_connection(url=device, baudrate=9600)
            writer.write(b"T\\r\\n")
            writer.drain()  # ACK301
            return await reader.readline()

        async def weigh(device):
            reader, writer = await serial_asyncio.open_serial_connection(url=device, baudrate=9600)
            writer.write(b"W\\r\\n")
            await writer.drain()
            line = await reader.readline()
            writer.close()
            return line
    ''', ["ACK301"])


def test_a_coroutine_function_given_as_a_library_threads_callback_is_called_there_and_dropped():
    check_marked('''
        import asyncio
        import sounddevice as sd
        from google.cloud import pubsub_v1

        class LevelMeter:
            def __init__(self):
                self.levels = asyncio.Queue(maxsize=100)
                self.stream = sd.InputStream(channels=1, callback=self.on_audio)  # ACK301

            async def on_audio(self, indata, frames, time_info, status):
                await self.levels.put(float(abs(indata).mean()))

        class LevelMeterBridged:
            def __init__(self, loop):
                self.loop = loop
                self.levels = asyncio.Queue(maxsize=100)
                self.stream = sd.InputStream(channels=1, callback=self.on_audio)

            def on_audio(self, indata, frames, time_info, status):
                self.loop.call_soon_threadsafe(self.levels.put_nowait, float(abs(indata).mean()))

        async def handle(message):
            await asyncio.sleep(0)

        def subscribe(path, on_message):
            subscriber = pubsub_v1.SubscriberClient()
            subscriber.subscribe(path, handle)  # ACK301
            return subscriber.subscribe(path, callback=on_message)
    ''', ["ACK301"])


def test_a_whisper_models_transcription_computes_on_the_loop():
    check_marked('''
        import asyncio
        import whisper
        from faster_whisper import WhisperModel

        model = whisper.load_model("base.en")
        fast = WhisperModel("small", device="cpu")

        async def transcribe(path):
            return model.transcribe(path, fp16=False)["text"]  # ACK109

        async def transcribe_fast(path):
            segments, info = fast.transcribe(path)  # ACK109
            return info.language

        async def transcribe_offloaded(path):
            result = await asyncio.to_thread(model.transcribe, path, fp16=False)
            return result["text"]

        def transcribe_sync(path):
            return model.transcribe(path)["text"]
    ''', ["ACK109"])


def test_an_ncclient_netconf_session_waits_for_the_device():
    check_marked('''
        import asyncio
        from ncclient import manager

        def netconf(host) -> manager.Manager:
            return manager.connect(host=host, port=830, hostkey_verify=False)

        async def running_config(host):
            with netconf(host) as m:  # ACK105
                return m.get_config(source="running").data_xml  # ACK105

        async def capabilities(m: manager.Manager):
            return list(m.server_capabilities), m.session_id

        async def running_config_offloaded(host):
            def fetch():
                with netconf(host) as m:
                    return m.get_config(source="running").data_xml
            return await asyncio.to_thread(fetch)
    ''', ["ACK105"])


def test_a_union_of_elasticsearch_and_opensearch_clients_requests_as_either_does():
    check_marked('''
        from typing import Optional, Union
        from elasticsearch import AsyncElasticsearch, Elasticsearch
        from opensearchpy import AsyncOpenSearch, OpenSearch

        AnySearch = Union[Elasticsearch, OpenSearch]
        AnyAsyncSearch = Union[AsyncElasticsearch, AsyncOpenSearch]

        async def keyword(es: AnySearch, q):
            return es.search(index="kb", query={"match": {"text": q}})  # ACK102

        async def index_forgot(es: AnyAsyncSearch, doc_id, body):
            es.index(index="kb", id=doc_id, document=body)  # ACK301

        async def index(es: Optional[AnyAsyncSearch], doc_id, body):
            if es is not None:
                await es.index(index="kb", id=doc_id, document=body)

        def keyword_sync(es: AnySearch, q):
            return es.search(index="kb", query={"match": {"text": q}})
    ''', ["ACK102", "ACK301"])


def test_a_factory_declared_to_return_a_grpc_stub_returns_what_its_channel_makes_it():
    check_marked('''
        import asyncio
        import grpc
        from telemetry_pb2_grpc import TelemetryStub

        def telemetry_stub() -> TelemetryStub:
            return TelemetryStub(grpc.insecure_channel("collector:50051"))

        def telemetry_stub_aio() -> "TelemetryStub":
            return TelemetryStub(grpc.aio.insecure_channel("collector:50051"))

        async def push(req):
            telemetry_stub().Push(req, timeout=5)  # ACK105

        async def push_aio(req):
            await telemetry_stub_aio().Push(req, timeout=5)

        async def push_offloaded(req):
            await asyncio.to_thread(telemetry_stub().Push, req, timeout=5)

        def push_sync(req):
            telemetry_stub().Push(req, timeout=5)
    ''', ["ACK105", "ACK301"])


def test_clickhouse_connects_sync_client_waits_for_the_server_and_its_async_client_does_not():
    check_marked('''
        import asyncio
        import clickhouse_connect

        def events_client():
            return clickhouse_connect.get_client(host="clickhouse", username="ops")

        async def recent(kind):
            return events_client().query("SELECT 1", parameters={"kind": kind}).result_rows  # ACK105

        async def recent_async(kind):
            client = await clickhouse_connect.get_async_client(host="clickhouse")
            return (await client.query("SELECT 1", parameters={"kind": kind})).result_rows

        async def recent_offloaded(kind):
            return await asyncio.to_thread(lambda: events_client().query("SELECT 1").result_rows)
    ''', ["ACK105"])


def test_a_coroutine_function_handed_to_weakref_finalize_is_called_and_dropped():
    check_marked('''
        import weakref

        class Session:
            def __init__(self, client):
                self.client = client
                weakref.finalize(self, self.logout)  # ACK301

            async def logout(self):
                await self.client.logout()

        class Tempdir:
            def __init__(self, path, remove):
                self.path = path
                weakref.finalize(self, remove, path)
    ''', ["ACK301"])
