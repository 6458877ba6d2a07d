"""Shapes from heldout51's measurement on data and device code (ETL, crawlers, model servers, IoT gateways,
desktop and TUI apps).

- Device clients the tables did not know: bleak's and aiomqtt's round trips are coroutine functions (ACK301 when
  dropped), pymodbus's sync clients wait for the device (ACK105 in a coroutine) and its async twins make
  coroutines.
- A dropped call of a method of a library type no table describes, awaited elsewhere in the same coroutine: the
  function's own await is the evidence, as for an untyped receiver.
- Coroutines stored as the values of a local mapping that the function returns, declared `-> dict[K, int]`.
- Code that runs on another thread: `run()` of a `QThread` subclass, and a function whose decorator hands its body
  to a worker thread (`@work(thread=True)`, textual's thread workers).

Each shape has look-alikes that must stay quiet."""
from __future__ import annotations

from asynccheck import rules

from .helpers import check_marked

ALL = sorted(rules.BY_CODE)


def test_bleak_and_aiomqtt_round_trips_dropped():
    check_marked('''
        import asyncio
        from bleak import BleakClient, BleakScanner
        import aiomqtt

        HEART_RATE = "00002a37-0000-1000-8000-00805f9b34fb"

        async def watch_heart_rate(strap: BleakClient, on_beat) -> None:
            strap.start_notify(HEART_RATE, on_beat)  # ACK301
            await asyncio.sleep(60)
            strap.stop_notify(HEART_RATE)  # ACK301

        async def scan_once() -> None:
            BleakScanner.discover(timeout=5)  # ACK301

        async def report_door(broker: aiomqtt.Client, state: str) -> None:
            broker.publish("house/door", state.encode())  # ACK301

        async def watch_heart_rate_ok(strap: BleakClient, on_beat) -> None:
            await strap.start_notify(HEART_RATE, on_beat)
            await asyncio.sleep(60)
            await strap.stop_notify(HEART_RATE)
            print(strap.address, strap.is_connected)

        async def report_all(broker: aiomqtt.Client, states: dict) -> None:
            sends = [broker.publish(f"house/{k}", v.encode()) for k, v in states.items()]
            await asyncio.gather(*sends)
    ''', ALL)


def test_pymodbus_sync_client_waits_for_the_device_in_a_coroutine():
    check_marked('''
        import asyncio
        from pymodbus.client import AsyncModbusTcpClient, ModbusTcpClient

        class InverterReader:
            def __init__(self, host: str):
                self.link = ModbusTcpClient(host, port=502)

            async def power(self) -> int:
                self.link.connect()  # ACK105
                answer = self.link.read_input_registers(30775, count=2, slave=3)  # ACK105
                return answer.registers[1]

            def power_sync(self) -> int:
                self.link.connect()
                return self.link.read_input_registers(30775, count=2, slave=3).registers[1]

            async def power_offloaded(self) -> int:
                answer = await asyncio.to_thread(self.link.read_input_registers, 30775, count=2, slave=3)
                self.link.close()
                return answer.registers[1]

        async def set_limit(host: str, watts: int) -> None:
            link = AsyncModbusTcpClient(host)
            await link.connect()
            link.write_register(40915, watts, slave=3)  # ACK301
            await link.write_register(40916, 1, slave=3)
            link.close()
    ''', ALL)


def test_dropped_call_of_an_untabled_library_type_awaited_elsewhere():
    check_marked('''
        import asyncio
        import gmqtt
        from nats.aio.client import Client as Nats

        async def greet(bus: Nats, node: str) -> None:
            await bus.publish("nodes.up", node.encode())
            bus.publish("nodes.version", b"1.4")  # ACK301

        async def connect_and_send(mq: gmqtt.Client, payload: bytes) -> None:
            await mq.connect("broker.local")
            mq.publish("readings", payload)  # a different call: nothing says what this one makes

        async def either(store, key: str, cached: bool) -> None:
            if cached:
                store.drop(key)
            else:
                await store.drop(key)

        async def writes(writer: asyncio.StreamWriter, data: bytes) -> None:
            writer.write(data)
            await writer.drain()
            writer.write(data)
            await writer.drain()
    ''', ALL)


def test_coroutines_stored_in_a_mapping_returned_as_results():
    check_marked('''
        import asyncio
        from typing import Dict

        async def fetch_price(symbol: str) -> float:
            await asyncio.sleep(0)
            return 1.0

        async def prices(symbols: list) -> Dict[str, float]:
            out = {}
            for s in symbols:
                out[s] = fetch_price(s)  # ACK301
            return out

        async def prices_gathered(symbols: list) -> dict[str, float]:
            pending = {}
            for s in symbols:
                pending[s] = fetch_price(s)
            values = await asyncio.gather(*pending.values())
            return dict(zip(pending, values))

        async def prices_lazy(symbols: list) -> dict:
            # handed back undecided on purpose: the caller gathers them
            pending = {}
            for s in symbols:
                pending[s] = fetch_price(s)
            return pending

        async def prices_tasks(symbols: list) -> dict[str, asyncio.Task]:
            pending = {}
            for s in symbols:
                pending[s] = asyncio.ensure_future(fetch_price(s))
            return pending
    ''', ALL)


def test_qthread_run_is_off_the_loop():
    check_marked('''
        import asyncio
        from PyQt5.QtCore import QThread, pyqtSignal

        class ScaleReader(QThread):
            def __init__(self, scale, weights: asyncio.Queue, settled: asyncio.Event):
                super().__init__()
                self.scale = scale
                self.weights = weights
                self.settled = settled

            def run(self) -> None:
                while not self.isInterruptionRequested():
                    self.weights.put_nowait(self.scale.read_grams())  # ACK401
                self.settled.set()  # ACK401

            def describe(self) -> str:
                return f"{self.weights.qsize()} readings"

        class SignalScaleReader(QThread):
            weighed = pyqtSignal(float)

            def __init__(self, scale, loop: asyncio.AbstractEventLoop, weights: asyncio.Queue):
                super().__init__()
                self.scale = scale
                self.loop = loop
                self.weights = weights

            def run(self) -> None:
                while not self.isInterruptionRequested():
                    grams = self.scale.read_grams()
                    self.weighed.emit(grams)
                    self.loop.call_soon_threadsafe(self.weights.put_nowait, grams)

        class NotAThread:
            def __init__(self, weights: asyncio.Queue):
                self.weights = weights

            def run(self) -> None:
                self.weights.put_nowait(0.0)
    ''', ALL)


def test_a_worker_thread_decorator_runs_the_body_off_the_loop():
    check_marked('''
        import asyncio
        import time
        from textual import work
        from textual.app import App

        class Tail(App):
            def __init__(self, path: str):
                super().__init__()
                self.path = path
                self.lines: asyncio.Queue = asyncio.Queue(maxsize=500)
                self.eof = asyncio.Event()

            @work(thread=True)
            def follow(self) -> None:
                with open(self.path) as fh:
                    for line in fh:
                        self.lines.put_nowait(line)  # ACK401
                self.eof.set()  # ACK401

            @work(thread=True, exclusive=True)
            def follow_safely(self) -> None:
                with open(self.path) as fh:
                    for line in fh:
                        self.call_from_thread(self.lines.put_nowait, line)
                time.sleep(0.1)

            @work(exclusive=True)
            async def follow_on_loop(self) -> None:
                self.lines.put_nowait("started")
                self.eof.set()
    ''', ALL)


def test_home_assistant_coroutine_methods_dropped():
    # Home Assistant's `async_` prefix marks loop-only methods, most of them plain callbacks: only the listed
    # coroutine functions are findings when dropped
    check_marked('''
        from datetime import timedelta
        from homeassistant.config_entries import ConfigEntry
        from homeassistant.core import HomeAssistant, callback
        from homeassistant.helpers.update_coordinator import DataUpdateCoordinator

        class BoilerData(DataUpdateCoordinator):
            async def _async_update_data(self) -> dict:
                return {}

        async def on_options(hass: HomeAssistant, entry: ConfigEntry) -> None:
            hass.config_entries.async_update_entry(entry, options={**entry.options, "seen": True})
            hass.config_entries.async_reload(entry.entry_id)  # ACK301

        async def press(hass: HomeAssistant, data: BoilerData) -> None:
            hass.services.async_call("switch", "turn_on", {"entity_id": "switch.boiler"})  # ACK301
            data.async_request_refresh()  # ACK301

        async def press_ok(hass: HomeAssistant, data: BoilerData) -> None:
            await hass.services.async_call("switch", "turn_on", {"entity_id": "switch.boiler"})
            data.async_set_updated_data({"on": True})
            hass.async_create_task(data.async_request_refresh())
            await hass.config_entries.async_unload_platforms(data.config_entry, ["switch"])

        @callback
        def schedule_reload(hass: HomeAssistant, entry: ConfigEntry) -> None:
            hass.config_entries.async_schedule_reload(entry.entry_id)
    ''', ALL)


def test_a_future_unpacked_from_zipped_pairs_in_an_executor_job():
    check_marked('''
        import asyncio
        from concurrent.futures import ThreadPoolExecutor

        DECODER = ThreadPoolExecutor(max_workers=1)

        class FrameDecoder:
            def __init__(self, codec):
                self.codec = codec
                self.waiting: list[tuple[bytes, asyncio.Future]] = []

            async def decode(self, packet: bytes) -> bytes:
                done = asyncio.get_running_loop().create_future()
                self.waiting.append((packet, done))
                if len(self.waiting) >= 8:
                    group, self.waiting = self.waiting, []
                    DECODER.submit(self._decode_group, group)
                return await done

            def _decode_group(self, group: list[tuple[bytes, asyncio.Future]]) -> None:
                frames = self.codec.decode_many([p for p, _ in group])
                for (_, done), frame in zip(group, frames):
                    done.set_result(frame)  # ACK401
                for n, (_, done) in enumerate(group):
                    done.set_result(frames[n])  # ACK401

            def _decode_group_safely(self, loop: asyncio.AbstractEventLoop,
                                     group: list[tuple[bytes, asyncio.Future]]) -> None:
                frames = self.codec.decode_many([p for p, _ in group])
                for (packet, done), frame in zip(group, frames):
                    loop.call_soon_threadsafe(done.set_result, frame)
                    print(packet.hex())

            async def submit_safely(self, group) -> None:
                DECODER.submit(self._decode_group_safely, asyncio.get_running_loop(), group)
    ''', ALL)


def test_an_awaited_twin_on_a_receiver_narrowed_to_another_class_says_nothing():
    # (Home Assistant's shelly integration: two device classes, one with a coroutine `shutdown`, one with a plain
    # one, told apart by two `isinstance` tests in a row)
    check_marked('''
        from aioshelly.block_device import BlockDevice
        from aioshelly.rpc_device import RpcDevice

        async def unload(device) -> bool:
            if isinstance(device, RpcDevice):
                await device.shutdown()
                return True
            if isinstance(device, BlockDevice):
                device.shutdown()
                return True
            return False

        async def unload_rpc(device: RpcDevice, spare: RpcDevice) -> None:
            await spare.shutdown()
            await device.shutdown()
            device.shutdown()  # ACK301
    ''', ALL)


def test_instrument_printer_and_sync_zmq_io_in_a_coroutine():
    check_marked('''
        import asyncio
        import pyvisa
        import zmq
        import zmq.asyncio
        from escpos.printer import Network

        class PowerSupply:
            def __init__(self, address: str):
                self.rm = pyvisa.ResourceManager()
                self.psu = self.rm.open_resource(address)

            async def voltage(self) -> float:
                return float(self.psu.query("MEAS:VOLT?"))  # ACK105

            async def voltage_offloaded(self) -> float:
                return float(await asyncio.to_thread(self.psu.query, "MEAS:VOLT?"))

            def voltage_sync(self) -> float:
                return float(self.psu.query("MEAS:VOLT?"))

        async def print_ticket(host: str, number: int) -> None:
            printer = Network(host)
            printer.text(f"ticket {number}\\n")  # ACK105
            printer.cut()  # ACK105

        async def ask_broker(ctx: zmq.Context, question: bytes) -> bytes:
            sock = ctx.socket(zmq.REQ)
            sock.connect("tcp://broker:5555")
            sock.send(question)  # (sends are left out: which kind of socket it is decides whether one waits)
            return sock.recv()  # ACK105

        async def drain_ready(sock: zmq.Socket) -> list:
            got = []
            while True:
                try:
                    got.append(sock.recv(zmq.NOBLOCK))
                except zmq.Again:
                    return got

        async def ask_broker_async(actx: zmq.asyncio.Context, question: bytes) -> bytes:
            sock = actx.socket(zmq.REQ)
            await sock.send(question)
            return await sock.recv()

        async def serve_polled(poller: zmq.asyncio.Poller, rep: zmq.Socket, handle) -> None:
            while True:
                events = dict(await poller.poll())
                if rep in events:
                    await handle(rep.recv_multipart())
    ''', ALL)


def test_field_bus_usb_and_gpio_waits_in_a_coroutine():
    check_marked('''
        import asyncio
        import can
        import minimalmodbus
        import RPi.GPIO as GPIO
        import usb.core
        from gpiozero import Button, MotionSensor

        async def next_frame(bus: can.BusABC):
            return bus.recv(2.0)  # ACK105

        async def pending_frame(bus: can.BusABC):
            return bus.recv(timeout=0)

        async def meter_reading(port: str) -> float:
            meter = minimalmodbus.Instrument(port, 7)
            return meter.read_float(0x0100)  # ACK105

        async def led(dev: usb.core.Device, on: bool) -> None:
            dev.ctrl_transfer(0x40, 0x01, int(on), 0)  # ACK105
            await asyncio.to_thread(dev.write, 0x02, b"\\x01")

        async def doorbell(button: Button, pir: MotionSensor) -> None:
            button.wait_for_press()  # ACK106
            pir.wait_for_motion(timeout=0)
            GPIO.wait_for_edge(17, GPIO.FALLING)  # ACK106
            print(button.is_pressed, pir.motion_detected)

        def doorbell_thread(button: Button) -> None:
            button.wait_for_press()
    ''', ALL)


def test_selenium_and_dropbox_requests_in_a_coroutine():
    check_marked('''
        import asyncio
        import dropbox
        from selenium import webdriver
        from selenium.webdriver.common.by import By

        async def headline(url: str) -> str:
            browser = webdriver.Firefox()  # ACK102
            browser.get(url)  # ACK102
            title = browser.find_element(By.TAG_NAME, "h1")  # ACK102
            title.click()  # ACK102
            return url

        async def headline_offloaded(url: str) -> str:
            def scrape() -> str:
                browser = webdriver.Firefox()
                browser.get(url)
                return browser.find_element(By.TAG_NAME, "h1").text

            return await asyncio.to_thread(scrape)

        async def backup(box: dropbox.Dropbox, blob: bytes) -> None:
            box.files_upload(blob, "/backup/latest.bin")  # ACK102
            scoped = box.with_path_root(None)
            await asyncio.to_thread(scoped.files_upload, blob, "/backup/copy.bin")
    ''', ALL)
