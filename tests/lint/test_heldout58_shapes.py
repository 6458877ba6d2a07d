"""Shapes the unseen set heldout58 (IoT, edge and industrial gateways) showed missed, each beside the look-alike that
must stay quiet."""
from .helpers import check_marked


def test_asyncua_node_and_client_round_trips_are_coroutines():
    check_marked('''
        from asyncua import Client, ua
        from asyncua.common.node import Node

        async def set_speed(plc: Client, ident: str, rpm: float):
            target = plc.get_node(ident)
            target.write_value(ua.Variant(rpm, ua.VariantType.Float))  # ACK301
            return target

        async def shut(plc: Client):
            try:
                await plc.delete_subscriptions([7])
            finally:
                plc.disconnect()  # ACK301

        async def read_child(root: Node, name: str):
            child = await root.get_child(name)
            child.read_value()  # ACK301

        async def set_speed_awaited(plc: Client, ident: str, rpm: float):
            target = plc.get_node(ident)  # building the node object asks the server nothing
            await target.write_value(ua.Variant(rpm, ua.VariantType.Float))
            return target.nodeid

        async def shut_awaited(plc: Client):
            try:
                await plc.delete_subscriptions([7])
            finally:
                await plc.disconnect()
    ''', ["ACK301"])


def test_asyncua_sync_wrapper_is_not_the_async_client():
    check_marked('''
        from asyncua.sync import Client

        def poke(url, ident, value):
            plc = Client(url)
            plc.connect()
            node = plc.get_node(ident)
            node.write_value(value)
            plc.disconnect()
    ''', ["ACK301"])


def test_an_i2c_transfer_in_a_coroutine_blocks():
    check_marked('''
        import asyncio
        import smbus2

        class Dimmer:
            def __init__(self, bus_no: int, address: int):
                self.i2c = smbus2.SMBus(bus_no)
                self.address = address

            async def fade_to(self, level: int):
                for step in range(0, level, 8):
                    self.i2c.write_byte_data(self.address, 0x02, step)  # ACK105
                    await asyncio.sleep(0.02)

            def level_sync(self) -> int:
                return self.i2c.read_byte_data(self.address, 0x02)

            async def level(self) -> int:
                return await asyncio.to_thread(self.i2c.read_byte_data, self.address, 0x02)

        async def probe(bus: smbus2.SMBus, address: int) -> bool:
            try:
                bus.read_byte(address)  # ACK105
                return True
            except OSError:
                return False
    ''', ["ACK105"])


def test_home_assistant_executor_jobs_run_on_a_worker_thread():
    check_marked('''
        import asyncio
        from homeassistant.core import HomeAssistant

        class DoorbellBridge:
            def __init__(self, hass: HomeAssistant, sdk):
                self.hass = hass
                self.sdk = sdk
                self.rings = asyncio.Queue(maxsize=20)
                self.seen = 0

            def _rang(self, payload):
                self.rings.put_nowait(payload)  # ACK401

            def _rang_later(self, payload):
                self.hass.loop.call_soon(self.rings.put_nowait, payload)  # ACK402

            def _rang_safely(self, payload):
                self.hass.loop.call_soon_threadsafe(self.rings.put_nowait, payload)

            def _counted(self, payload):
                self.seen += 1

            async def async_start(self):
                await self.hass.async_add_executor_job(self.sdk.listen, self._rang)
                await self.hass.async_add_executor_job(self.sdk.listen, self._rang_later)
                await self.hass.async_add_executor_job(self.sdk.listen, self._rang_safely)
                await self.hass.async_add_executor_job(self.sdk.listen, self._counted)

        async def relay(hass: HomeAssistant, done: asyncio.Event, sdk):
            await hass.async_add_executor_job(sdk.wait_for_idle, done.set)  # ACK401
    ''', ["ACK401", "ACK402"])


def test_a_project_class_with_the_executor_jobs_name_is_not_home_assistant():
    check_marked('''
        import asyncio

        class Hub:
            def __init__(self):
                self.pending = asyncio.Queue(maxsize=5)

            def async_add_executor_job(self, fn, *args):
                return fn(*args)  # runs right here, on the loop

            def _push(self, item):
                self.pending.put_nowait(item)

            async def feed(self, item):
                self.async_add_executor_job(self._push, item)
    ''', ["ACK401", "ACK402"])
