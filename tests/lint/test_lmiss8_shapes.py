"""Shapes held-out sets missed: a thread's callback, a queue maker, a blocking field declared in another module
of the project; the lazy user of a class-based view; libraries whose sessions, streams and properties block."""
from __future__ import annotations

from pathlib import Path

from .helpers import check_marked, project_findings

_HANDLERS = '''
    import asyncio

    inbox: asyncio.Queue = asyncio.Queue(maxsize=100)
    loop = asyncio.get_event_loop()


    def handle(client, userdata, msg):
        inbox.put_nowait(msg.payload)


    def on_connect(client, userdata, flags, rc):
        loop.call_soon(print, "up")


    def relay(client, userdata, msg):
        loop.call_soon_threadsafe(inbox.put_nowait, msg.payload)


    def log(client, userdata, msg):
        print(msg.topic)


    class Handler:
        def __init__(self):
            self.seen = asyncio.Event()

        def on_message(self, client, userdata, msg):
            self.seen.set()
'''


def test_thread_callback_of_another_module_is_checked_as_thread_code(tmp_path: Path) -> None:
    found = project_findings(tmp_path, {"app/__init__.py": "", "app/handlers.py": _HANDLERS, "app/main.py": '''
        import asyncio
        import threading
        import paho.mqtt.client as mqtt
        from app import handlers
        from app.handlers import Handler, handle, log, on_connect, relay


        async def main():
            client = mqtt.Client()
            client.on_message = handle
            client.on_connect = on_connect
            client.on_subscribe = relay
            client.on_log = log
            client.on_disconnect = Handler().on_message
            client.on_publish = handlers.handle
            client.loop_start()
            threading.Thread(target=handle, args=(None, None, None)).start()
            await asyncio.sleep(10)
    '''}, ["ACK401", "ACK402"])
    assert found == {("app/main.py", 10, "ACK401"), ("app/main.py", 11, "ACK402"), ("app/main.py", 14, "ACK401"),
                     ("app/main.py", 15, "ACK401"), ("app/main.py", 17, "ACK401")}


def test_another_modules_callback_on_the_loop_is_quiet(tmp_path: Path) -> None:
    # no network thread started (the client is driven from the loop), an async client, or a call on the loop
    found = project_findings(tmp_path, {"app/__init__.py": "", "app/handlers.py": _HANDLERS, "app/main.py": '''
        import asyncio
        import paho.mqtt.client as mqtt
        from app.handlers import handle, on_connect


        async def driven():
            client = mqtt.Client()
            client.on_message = handle
            client.on_connect = on_connect
            loop = asyncio.get_running_loop()
            loop.add_reader(client.socket(), client.loop_read)


        async def on_loop():
            handle(None, None, None)
            asyncio.get_running_loop().call_soon(handle, None, None, None)
    '''}, ["ACK401", "ACK402"])
    assert found == set()


_CHANNELS = '''
    import asyncio


    def make_channel(size=0):
        return asyncio.Queue(maxsize=size)


    def make_bounded(size=100):
        return asyncio.Queue(size)


    class Bus:
        def __init__(self, depth: int = 0):
            self.queue = asyncio.Queue(depth)


    def make_mailbox(capacity):
        return asyncio.Queue(maxsize=capacity)
'''


def test_another_modules_queue_maker_called_without_a_size(tmp_path: Path) -> None:
    found = project_findings(tmp_path, {"svc/__init__.py": "", "svc/channels.py": _CHANNELS, "svc/main.py": '''
        from svc import channels
        from svc.channels import Bus, make_bounded, make_channel, make_mailbox


        async def produce(items):
            inbox = make_channel()
            sized = make_channel(10)
            named = make_channel(size=64)
            zero = channels.make_channel(0)
            spare = make_bounded()
            bus = Bus()
            busy = Bus(depth=8)
            mail = make_mailbox(0)
            post = make_mailbox(capacity=32)
            for item in items:
                inbox.put_nowait(item)
            return sized, named, zero, spare, bus, busy, mail, post
    '''}, ["ACK501"])
    assert found == {("svc/channels.py", 5, "ACK501"), ("svc/channels.py", 14, "ACK501"),
                     ("svc/main.py", 6, "ACK501"), ("svc/main.py", 9, "ACK501"), ("svc/main.py", 11, "ACK501"),
                     ("svc/main.py", 13, "ACK501")}


def test_blocking_field_declared_in_another_module(tmp_path: Path) -> None:
    found = project_findings(tmp_path, {"net/__init__.py": "", "net/links.py": '''
        import socket
        from dataclasses import dataclass
        from typing import NamedTuple

        import requests


        class Conn(NamedTuple):
            sock: socket.socket
            addr: tuple


        @dataclass
        class Peer:
            sock: socket.socket
            http: requests.Session
    ''', "net/serve.py": '''
        import asyncio
        from net.links import Conn, Peer


        async def read(conn: Conn):
            return conn.sock.recv(1024)


        async def push(peer: Peer, data: bytes):
            peer.sock.sendall(data)
            peer.http.get("https://example.org")


        async def on_loop(conn: Conn):
            loop = asyncio.get_running_loop()
            return await loop.sock_recv(conn.sock, 1024)


        async def switched(conn: Conn):
            conn.sock.setblocking(False)
            return conn.sock.recv(1024)


        async def in_thread(conn: Conn):
            return await asyncio.to_thread(conn.sock.recv, 1024)


        def plain(conn: Conn):
            return conn.sock.recv(1024)
    '''}, ["ACK101", "ACK102", "ACK105"])
    assert found == {("net/serve.py", 6, "ACK105"), ("net/serve.py", 10, "ACK105"), ("net/serve.py", 11, "ACK102")}


def test_lazy_user_of_a_class_based_async_view() -> None:
    check_marked('''
        from django.http import JsonResponse
        from django.views import View
        from django.views.generic import TemplateView


        class ProfileView(View):
            async def get(self, request):
                if not self.request.user.is_authenticated:  # ACK105
                    return JsonResponse({}, status=401)
                return JsonResponse({"name": self.request.user.username})


        class BaseView(View):
            pass


        class DashboardView(BaseView):
            async def get(self, request):
                user = self.request.user
                return JsonResponse({"id": user.id})  # ACK105


        class Home(TemplateView):
            def get(self, request):
                return self.request.user.username


        class Fetched(View):
            async def get(self, request):
                user = await self.request.auser()
                return JsonResponse({"id": user.id})


        class Relay:
            def __init__(self, request):
                self.request = request

            async def send(self):
                return self.request.user.id


        class Job:
            async def run(self):
                return self.request.user.id
    ''', ["ACK105"])


def test_streaming_signal_names_count_only_where_gi_is_imported() -> None:
    check_marked('''
        import asyncio
        import gi
        gi.require_version("Gst", "1.0")
        from gi.repository import Gst


        class Capture:
            def __init__(self, appsink, done: asyncio.Event):
                self.done = done
                appsink.connect("new-sample", self.on_sample)

            def on_sample(self, sink):
                self.done.set()  # ACK401
    ''', ["ACK401"])
    check_marked('''
        import asyncio


        class Relay:
            def __init__(self, hub, done: asyncio.Event):
                self.done = done
                hub.connect("handoff", self.on_handoff)
                self.peer.connect("pad-added", self.on_handoff)

            def on_handoff(self, *args):
                self.done.set()


        class Stats:
            # an appsink handed in by the module that builds the pipeline
            def __init__(self, appsink, loop: asyncio.AbstractEventLoop):
                self.loop = loop
                self.seen = asyncio.Event()
                appsink.connect("new-sample", self.on_sample)

            def on_sample(self, sink):
                self.loop.call_soon(self.seen.set)  # ACK402
                return 0
    ''', ["ACK401", "ACK402"])


def test_reader_over_an_in_memory_buffer_does_no_file_io() -> None:
    check_marked('''
        import io
        import json


        class FlowReader:
            def __init__(self, fo: io.BufferedReader):
                self.fo = fo

            def stream(self):
                while line := self.fo.readline():
                    yield json.loads(line)


        class TextReader:
            def __init__(self, fo: io.TextIOWrapper):
                self.fo = fo

            def lines(self):
                return self.fo.read().splitlines()


        async def parse(data: bytes):
            return list(FlowReader(io.BytesIO(data)).stream())


        async def parse_bound(data: bytes):
            reader = FlowReader(io.BytesIO(data))
            return [flow for flow in reader.stream()]


        async def parse_text(text: str):
            return TextReader(io.StringIO(text)).lines()


        async def from_param(fh: io.BufferedReader):
            return list(FlowReader(fh).stream())  # ACK103


        async def from_file(path: str):
            with open(path) as fh:  # ACK103
                return TextReader(fh).lines()  # ACK103
    ''', ["ACK103"])


def test_untyped_cassandra_session_and_pyaudio_stream() -> None:
    check_marked('''
        import asyncio
        import pyaudio
        from cassandra.query import SimpleStatement


        class Store:
            def __init__(self, cluster):
                self.session = cluster.connect("ks")

            async def get(self, key):
                return self.session.execute("SELECT * FROM t WHERE k=%s", (key,))  # ACK105

            async def get_later(self, key):
                return self.session.execute_async(SimpleStatement("SELECT 1")).result()  # ACK105

            async def offloaded(self, key):
                return await asyncio.to_thread(self.session.execute, "SELECT 1")

            def sync_get(self, key):
                return self.session.execute("SELECT 1")


        async def direct(app):
            session = app.cluster.connect()
            return session.execute("SELECT 1")  # ACK105


        class Player:
            def __init__(self, pa):
                self.stream = pa.open(format=pyaudio.paInt16, channels=1, rate=16000, output=True)

            async def play(self, data):
                self.stream.write(data)  # ACK103


        class Recorder:
            def __init__(self, pa):
                self.pa = pa

            async def record(self):
                stream = self.pa.open(format=8, channels=1, rate=16000, input=True)
                return stream.read(1024)  # ACK103
    ''', ["ACK103", "ACK105"])


def test_untyped_connect_and_open_elsewhere_are_quiet() -> None:
    check_marked('''
        import asyncio


        class Store:
            def __init__(self, cluster, archive):
                self.session = cluster.connect("ks")
                self.member = archive.open("data.txt")

            async def get(self):
                return self.session.execute("SELECT 1"), self.member.read()
    ''', ["ACK103", "ACK105"])
    check_marked('''
        import pyaudio
        from cassandra.cluster import Cluster


        class Link:
            def __init__(self, sock, pool, files):
                self.conn = pool.connect()
                sock.connect(("h", 1))
                self.sock = sock
                self.fh = files.open("a.wav")

            async def run(self):
                self.conn.execute("SELECT 1")
                return self.fh.read(10)
    ''', ["ACK103", "ACK105"])


def test_request_families_of_snmp_market_data_and_ethereum() -> None:
    check_marked('''
        import asyncio
        import yfinance as yf
        from pysnmp.hlapi import (CommunityData, ContextData, ObjectIdentity, ObjectType, SnmpEngine,
                                  UdpTransportTarget, getCmd, nextCmd)
        from web3 import Web3


        async def poll(host: str):
            target = UdpTransportTarget((host, 161))
            found = next(getCmd(SnmpEngine(), CommunityData("public"), target, ContextData(),  # ACK105
                                ObjectType(ObjectIdentity("1.3.6.1.2.1.1.1.0"))))
            for row in nextCmd(SnmpEngine(), CommunityData("public"), target, ContextData(),  # ACK105
                               ObjectType(ObjectIdentity("1.3.6"))):
                print(row)
            return found


        async def quote(symbol: str):
            ticker = yf.Ticker(symbol)
            info = ticker.info  # ACK102
            sheet = ticker.balance_sheet  # ACK102
            return info, sheet, ticker.fast_info, ticker.ticker


        async def balances(url: str, token: str, owner: str, abi: list):
            w3 = Web3(Web3.HTTPProvider(url))
            height = w3.eth.block_number  # ACK102
            contract = w3.eth.contract(address=token, abi=abi)
            call = contract.functions.balanceOf(owner)
            held = call.call()  # ACK102
            sent = contract.functions.transfer(owner, 1).transact({"from": owner})  # ACK102
            logs = contract.events.Transfer().get_logs(from_block=height)  # ACK102
            return held, sent, logs, w3.eth.default_account, contract.address


        async def offloaded(symbol: str, url: str):
            info = await asyncio.to_thread(lambda: yf.Ticker(symbol).info)
            w3 = Web3(Web3.HTTPProvider(url))
            return info, await asyncio.to_thread(lambda: w3.eth.gas_price)


        def report(symbol: str):
            return yf.Ticker(symbol).financials
    ''', ["ACK102", "ACK105"])


def test_pysam_opening_and_pjsua2_endpoint_callbacks() -> None:
    check_marked('''
        import asyncio
        import pysam
        import pjsua2 as pj


        async def count(path: str) -> int:
            with pysam.AlignmentFile(path, "rb") as bam:  # ACK103
                return bam.mapped


        async def count_off(path: str) -> int:
            bam = await asyncio.to_thread(pysam.AlignmentFile, path, "rb")
            return bam.mapped


        class Phone(pj.Endpoint):
            def __init__(self, events: asyncio.Queue):
                super().__init__()
                self.events = events

            def onTransportState(self, prm):
                self.events.put_nowait(prm.state)  # ACK401

            def helper(self):
                self.events.put_nowait(None)
    ''', ["ACK103", "ACK401"])
