"""False-alarm shapes found by linting real asyncio applications (chat bots, notebook and hub servers, bridges):
each look-alike must stay clean, beside the close case it must still flag."""
from tests.lint.helpers import check_marked


def test_an_attribute_the_function_itself_replaces_is_what_it_assigned_not_what_the_class_declares():
    # A test swaps an object's async client for a `Mock()` (`store.client = Mock()`) and then configures it:
    # `store.client.configure_mock(...)` is the mock's own sync method, not a command of the client the class
    # put there. Where the function assigns the attribute itself, the value it assigned decides (a real async
    # client assigned there still flags); a function that does not touch the attribute, or only resets it to
    # None after using it, or replaces the attribute of another object, still reads the class's declaration.
    check_marked(
        """
        from unittest import mock
        from redis import asyncio as aioredis


        class Store:
            def __init__(self):
                self.client = None

            async def connect(self):
                self.client = aioredis.Redis(host="db")


        async def test_get():
            store = Store()
            store.client = mock.Mock()
            store.client.configure_mock(**{"get.return_value": 1})
            store.client.get("k")


        async def forgets(store: Store):
            store.client.set("k", "v")  # ACK301


        async def swaps_in_a_real_client(store: Store):
            store.client = aioredis.Redis(host="replica")
            store.client.set("k", "v")  # ACK301


        async def resets_after_use(store: Store):
            store.client.set("k", "v")  # ACK301
            store.client = None


        async def replaces_another(store: Store, spare: Store):
            spare.client = mock.Mock()
            store.client.set("k", "v")  # ACK301
        """,
        ["ACK301"],
    )

