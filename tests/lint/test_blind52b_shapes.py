"""Shapes the blind set of session 52 (bench/heldout/lint/blind52b-set) showed missing: the clients of healthcare
systems (pynetdicom, pydicom, fhirpy, fhirclient, python-hl7's MLLP streams), of accounting ledgers
(python-quickbooks, xero-python), of telephony servers (pyst2's AMI, ari-py and aioari, Twilio's record contexts),
Comet and Roboflow, PyBluez sockets and CUPS connections. Look-alikes: the async twins awaited, the same calls in a
sync helper or handed to a thread, the calls that only build something locally."""
from __future__ import annotations

from .helpers import check_marked


def test_dicom_associations_and_files():
    check_marked('''
        import asyncio
        import io

        from pydicom import dcmread
        from pynetdicom import AE, evt
        from pynetdicom.association import Association


        def make_ae() -> AE:
            ae = AE(ae_title="HUB")
            return ae


        async def echo(ae: AE, host: str, port: int) -> bool:
            assoc = ae.associate(host, port)  # ACK105
            ok = assoc.send_c_echo().Status == 0  # ACK105
            assoc.release()  # ACK105
            return ok


        async def push(assoc: Association, ds) -> int:
            return assoc.send_c_store(ds).Status  # ACK105


        async def serve(ae: AE) -> None:
            ae.start_server(("", 11112), evt_handlers=[])  # ACK105


        async def serve_in_background(ae: AE) -> None:
            server = ae.start_server(("", 11112), block=False, evt_handlers=[])
            await asyncio.to_thread(server.shutdown)


        async def describe(path: str) -> str:
            return str(dcmread(path, stop_before_pixels=True).PatientName)  # ACK103


        async def describe_upload(blob: bytes) -> str:
            return str(dcmread(io.BytesIO(blob)).PatientName)


        async def describe_offloaded(path: str) -> str:
            ds = await asyncio.to_thread(dcmread, path)
            return str(ds.PatientName)


        def echo_sync(ae: AE, host: str) -> bool:
            return ae.associate(host, 104).send_c_echo().Status == 0
    ''', ["ACK103", "ACK105"])


def test_fhir_clients_sync_and_async():
    check_marked('''
        from fhirclient import client as smart_client
        from fhirclient.models.patient import Patient
        from fhirpy import AsyncFHIRClient, SyncFHIRClient


        class Gateway:
            def __init__(self) -> None:
                self._sync = SyncFHIRClient("https://fhir.invalid")
                self._async = AsyncFHIRClient("https://fhir.invalid")

            @property
            def client(self) -> SyncFHIRClient:
                return self._sync

            @property
            def aclient(self) -> AsyncFHIRClient:
                return self._async


        async def by_mrn(gw: Gateway, mrn: str):
            return gw.client.resources("Patient").search(identifier=mrn).first()  # ACK102


        async def by_mrn_async(gw: Gateway, mrn: str):
            return await gw.aclient.resources("Patient").search(identifier=mrn).limit(1).first()


        async def record(gw: Gateway, value: float) -> None:
            obs = gw.aclient.resource("Observation", status="final", valueQuantity={"value": value})
            obs.save()  # ACK301


        async def record_awaited(gw: Gateway, value: float) -> None:
            obs = gw.aclient.resource("Observation", status="final", valueQuantity={"value": value})
            await obs.save()


        async def legacy(pid: str) -> dict:
            smart = smart_client.FHIRClient(settings={"app_id": "x", "api_base": "https://fhir.invalid"})
            return Patient.read(pid, smart.server).as_json()  # ACK102


        async def local_model(data: dict) -> dict:
            return Patient(data).as_json()
    ''', ["ACK102", "ACK301"])


def test_hl7_mllp_streams_are_asyncio_streams():
    check_marked('''
        import asyncio

        from hl7.mllp import open_hl7_connection


        async def relay(message, host: str, port: int) -> str:
            reader, writer = await open_hl7_connection(host, port)
            writer.writemessage(message)
            await writer.drain()
            ack = await asyncio.wait_for(reader.readmessage(), timeout=10)
            return str(ack)


        async def relay_forgetful(message, host: str, port: int) -> None:
            reader, writer = await open_hl7_connection(host, port)
            writer.writemessage(message)
            writer.drain()  # ACK301
            reader.readmessage()  # ACK301
    ''', ["ACK301"])


def test_accounting_ledgers():
    check_marked('''
        import asyncio
        from dataclasses import dataclass

        from quickbooks import QuickBooks
        from quickbooks.objects.customer import Customer
        from quickbooks.objects.invoice import Invoice
        from xero_python.accounting import AccountingApi


        @dataclass
        class Ledgers:
            qb: QuickBooks
            xero: AccountingApi
            tenant: str


        async def customer(ledgers: Ledgers, name: str):
            return Customer.filter(DisplayName=name, qb=ledgers.qb)  # ACK102


        async def customer_offloaded(ledgers: Ledgers, name: str):
            return await asyncio.to_thread(Customer.filter, DisplayName=name, qb=ledgers.qb)


        async def post(ledgers: Ledgers, number: str) -> None:
            invoice = Invoice()
            invoice.DocNumber = number
            invoice.save(qb=ledgers.qb)  # ACK102


        async def invoices(ledgers: Ledgers) -> list:
            return ledgers.xero.get_invoices(ledgers.tenant).invoices  # ACK102


        async def invoices_offloaded(ledgers: Ledgers) -> list:
            result = await asyncio.to_thread(ledgers.xero.get_invoices, ledgers.tenant)
            return result.invoices


        async def blank_invoice() -> Invoice:
            return Invoice()
    ''', ["ACK102"])


def test_telephony_servers():
    check_marked('''
        import asyncio

        import aioari
        import ari
        import asterisk.manager
        from twilio.rest import Client


        async def hang_up(client: Client, sid: str) -> None:
            client.calls(sid).update(status="completed")  # ACK102


        async def hang_up_async(client: Client, sid: str) -> None:
            await client.calls(sid).update_async(status="completed")


        async def context_only(client: Client, sid: str) -> str:
            return str(client.calls(sid))


        async def queue_status(host: str) -> dict:
            manager = asterisk.manager.Manager()
            manager.register_event("Shutdown", print)
            manager.connect(host)  # ACK105
            return manager.status().headers  # ACK105


        async def channels(url: str) -> list:
            client = ari.connect(url, "u", "p")  # ACK102
            return client.channels.list()  # ACK102


        async def channels_async(url: str) -> list:
            client = await aioari.connect(url, "u", "p")
            client.on_channel_event("StasisStart", print)
            return await client.channels.list()


        async def originate(client: aioari.Client, endpoint: str) -> None:
            client.channels.originate(endpoint=endpoint, app="cc")  # ACK301
    ''', ["ACK102", "ACK105", "ACK301"])


def test_experiment_trackers_printers_and_bluetooth_sockets():
    check_marked('''
        import asyncio

        import bluetooth
        import comet_ml
        import cups
        from roboflow import Roboflow


        async def start(name: str) -> comet_ml.Experiment:
            experiment = comet_ml.Experiment(project_name="line")  # ACK102
            experiment.set_name(name)
            experiment.log_metric("rejected", 0)
            return experiment


        async def model(key: str):
            return Roboflow(api_key=key).workspace("w").project("p").version(3).model  # ACK102


        async def print_slip(path: str) -> int:
            conn = cups.Connection()  # ACK105
            return conn.printFile("slips", path, "slip", {})  # ACK105


        async def print_slip_offloaded(path: str) -> int:
            return await asyncio.to_thread(lambda: cups.Connection().printFile("slips", path, "slip", {}))


        async def read_probe(address: str) -> bytes:
            sock = bluetooth.BluetoothSocket(bluetooth.RFCOMM)
            sock.connect((address, 1))  # ACK105
            return sock.recv(64)  # ACK105
    ''', ["ACK102", "ACK105"])


def test_a_geocoder_made_with_an_async_adapter_makes_coroutines():
    check_marked('''
        import asyncio

        from geopy.adapters import AioHTTPAdapter
        from geopy.geocoders import Nominatim


        async def reverse(lat: float, lon: float) -> None:
            async with Nominatim(user_agent="x", adapter_factory=AioHTTPAdapter) as geocoder:
                pending = geocoder.reverse((lat, lon))  # ACK301


        async def reverse_awaited(lat: float, lon: float) -> str:
            async with Nominatim(user_agent="x", adapter_factory=AioHTTPAdapter) as geocoder:
                return str(await geocoder.reverse((lat, lon)))


        async def geocode_sync(address: str):
            return Nominatim(user_agent="x").geocode(address)  # ACK102


        def geocode_in_a_thread(address: str):
            return Nominatim(user_agent="x").geocode(address)
    ''', ["ACK102", "ACK301"])


def test_a_coroutine_function_assigned_as_a_library_callback_is_never_awaited():
    check_marked('''
        import asyncio
        import json

        import paho.mqtt.client as mqtt


        class SensorBus:
            def __init__(self, store) -> None:
                self.store = store
                self.client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2)
                self.client.on_message = self.on_message  # ACK301
                self.client.on_connect = self.on_connect

            async def on_message(self, client, userdata, msg) -> None:
                await self.store.save(msg.topic, json.loads(msg.payload))

            def on_connect(self, client, userdata, flags, reason, properties) -> None:
                client.subscribe("sensors/#")


        class BridgedBus:
            def __init__(self, readings: asyncio.Queue, loop: asyncio.AbstractEventLoop) -> None:
                self.readings = readings
                self.loop = loop
                self.client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2)
                self.client.on_message = self.on_message

            def on_message(self, client, userdata, msg) -> None:
                self.loop.call_soon_threadsafe(self.readings.put_nowait, msg.payload)


        def wire(client, handler) -> None:
            async def on_disconnect(*args) -> None:
                await handler()

            client.on_disconnect = on_disconnect  # ACK301


        class Widget:
            async def on_click(self) -> None:
                await asyncio.sleep(0)

            def bind(self, other: "Widget") -> None:
                other.on_click = self.on_click
    ''', ["ACK301"])


def test_a_coroutine_function_in_pynetdicom_event_handlers_is_never_awaited():
    check_marked('''
        import asyncio

        from pynetdicom import AE, evt


        class Scp:
            def __init__(self, catalogue, loop: asyncio.AbstractEventLoop) -> None:
                self.catalogue = catalogue
                self.loop = loop
                self.ae = AE(ae_title="HUB")

            async def on_store(self, event) -> int:
                await self.catalogue.index(event.dataset)
                return 0

            def on_store_bridged(self, event) -> int:
                asyncio.run_coroutine_threadsafe(self.catalogue.index(event.dataset), self.loop).result(30)
                return 0

            def start(self) -> None:
                handlers = [(evt.EVT_C_STORE, self.on_store)]
                self.ae.start_server(("", 11112), block=False, evt_handlers=[(evt.EVT_C_STORE, self.on_store)])  # ACK301

            def start_bridged(self) -> None:
                self.ae.start_server(("", 11112), block=False, evt_handlers=[(evt.EVT_C_STORE, self.on_store_bridged)])
    ''', ["ACK301"])


def test_a_task_on_a_branch_of_a_called_back_lambda_is_dropped():
    check_marked('''
        import asyncio

        retries: set = set()


        async def requeue_on_failure(job: asyncio.Task, retry) -> None:
            job.add_done_callback(lambda t: asyncio.ensure_future(retry()) if t.exception() else None)  # ACK302


        async def requeue_kept(job: asyncio.Task, retry) -> None:
            job.add_done_callback(lambda t: retries.add(asyncio.ensure_future(retry())) if t.exception() else None)


        async def log_outcome(job: asyncio.Task) -> None:
            job.add_done_callback(lambda t: print("failed") if t.exception() else None)
    ''', ["ACK302"])


def test_a_socket_handed_to_a_helper_that_declares_it_plain_still_blocks():
    check_marked('''
        import asyncio
        import socket


        def read_ack(sock: socket.socket) -> bytes:
            return sock.recv(4096)


        def read_ack_untyped(sock) -> bytes:
            return sock.recv(4096)


        def make_quiet(sock: socket.socket) -> socket.socket:
            sock.setblocking(False)
            return sock


        class Link:
            def __init__(self, host: str) -> None:
                self.sock = socket.create_connection((host, 2575), timeout=10)

            def send(self, frame: bytes) -> bytes:
                self.sock.sendall(frame)
                return read_ack(self.sock)


        class QuietLink:
            def __init__(self, host: str) -> None:
                self.sock = socket.create_connection((host, 2575))
                make_quiet(self.sock)

            def send(self, frame: bytes) -> None:
                self.sock.send(frame)


        class LoopLink:
            def __init__(self, host: str) -> None:
                self.sock = socket.create_connection((host, 2575))
                self.sock.setblocking(False)

            async def send(self, frame: bytes) -> bytes:
                loop = asyncio.get_running_loop()
                await loop.sock_sendall(self.sock, frame)
                return await loop.sock_recv(self.sock, 4096)


        class Publisher:
            def __init__(self, link: Link) -> None:
                self.link = link

            async def publish(self, frame: bytes) -> bytes:
                return self.link.send(frame)  # ACK105


        async def ack_of(sock: socket.socket) -> bytes:
            return read_ack(sock)  # ACK105


        async def ack_of_untyped(sock: socket.socket) -> bytes:
            return read_ack_untyped(sock)


        async def quiet(link: QuietLink, loop_link: LoopLink) -> None:
            link.send(b"x")
            await loop_link.send(b"x")
    ''', ["ACK105"])


def test_a_coroutine_on_a_private_attribute_that_only_another_class_reads_by_that_name():
    check_marked('''
        import asyncio


        class Predictor:
            def __init__(self) -> None:
                self._warm = self.warmup()  # ACK301

            async def warmup(self) -> None:
                await asyncio.sleep(0)


        class AwaitedPredictor:
            def __init__(self) -> None:
                self._warm = None

            async def warmup(self) -> None:
                await asyncio.sleep(0)

            async def start(self) -> None:
                self._warm = asyncio.create_task(self.warmup())
                await self._warm


        class Base:
            def __init__(self) -> None:
                self._ready = self.prepare()

            async def prepare(self) -> None:
                await asyncio.sleep(0)


        class Child(Base):
            async def run(self) -> None:
                await self._ready


        class Handle:
            def __init__(self) -> None:
                self._done = self.finish()

            async def finish(self) -> None:
                await asyncio.sleep(0)


        async def wait_for(handle: Handle) -> None:
            await handle._done
    ''', ["ACK301"])


def test_shipping_and_paperwork_sdks():
    check_marked('''
        import asyncio

        import easypost
        import shippo
        from docusign_esign import ApiClient, EnvelopesApi
        from pyowm import OWM


        class Carriers:
            def __init__(self, easypost_key: str, shippo_key: str) -> None:
                self.easypost = easypost.EasyPostClient(easypost_key)
                self.shippo = shippo.Shippo(api_key_header=shippo_key)


        async def rate(carriers: Carriers, shipment: dict):
            return carriers.easypost.shipment.create(**shipment)  # ACK102


        async def rate_offloaded(carriers: Carriers, shipment: dict):
            return await asyncio.to_thread(carriers.easypost.shipment.create, **shipment)


        async def shippo_rates(carriers: Carriers, shipment: dict) -> list:
            return carriers.shippo.shipments.create(shipment).rates  # ACK102


        async def shippo_rates_async(carriers: Carriers, shipment: dict) -> list:
            return (await carriers.shippo.shipments.create_async(shipment)).rates


        async def track(carriers: Carriers, number: str) -> None:
            carriers.shippo.tracking_status.get_async(number, "usps")  # ACK301


        async def envelope(api: ApiClient, account: str, definition) -> str:
            return EnvelopesApi(api).create_envelope(account, envelope_definition=definition).envelope_id  # ACK102


        async def weather(owm: OWM, city: str) -> str:
            manager = owm.weather_manager()
            return manager.weather_at_place(city).weather.status  # ACK102


        def weather_sync(owm: OWM, city: str) -> str:
            return owm.weather_manager().weather_at_place(city).weather.status
    ''', ["ACK102", "ACK301"])


def test_a_coroutine_stored_into_a_collection_declared_to_hold_instances():
    check_marked('''
        from collections.abc import Awaitable


        class Gate:
            @classmethod
            async def connect(cls, gate_id: str) -> "Gate":
                return cls()


        async def add_gate(gates: dict[str, Gate], gate_id: str) -> None:
            gates[gate_id] = Gate.connect(gate_id)  # ACK301


        async def replace_first(gates: list[Gate], gate_id: str) -> None:
            gates[0] = Gate.connect(gate_id)  # ACK301


        async def add_gate_awaited(gates: dict[str, Gate], gate_id: str) -> None:
            gates[gate_id] = await Gate.connect(gate_id)


        async def add_pending(pending: dict[str, Awaitable[Gate]], gate_id: str) -> None:
            pending[gate_id] = Gate.connect(gate_id)


        async def add_untyped(pending: dict, gate_id: str) -> None:
            pending[gate_id] = Gate.connect(gate_id)


        async def awaited_in_place(seen: dict, gate_id: str) -> Gate:
            # (a bare `dict`: what other assignments store there says nothing of what it is declared to hold)
            seen[gate_id] = Gate.connect(gate_id)
            seen[gate_id] = await seen[gate_id]
            return seen[gate_id]
    ''', ["ACK301"])
