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
