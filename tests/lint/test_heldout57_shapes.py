"""Shapes the unseen set heldout57 (e-commerce back ends) showed missed, each beside the look-alike that must stay
quiet."""
from .helpers import check_marked


def test_a_list_of_coroutines_only_tested_for_emptiness_and_counted():
    check_marked('''
        import logging

        log = logging.getLogger(__name__)

        async def deliver(address, text):
            ...

        async def broadcast(addresses, text):
            jobs = [deliver(a, text) for a in addresses]  # ACK301
            if not jobs:
                return
            log.info("queued %d deliveries", len(jobs))

        async def broadcast_checked(addresses, text):
            jobs = [deliver(a, text) for a in addresses]  # ACK301
            while not not jobs:
                break
            return len(jobs)

        async def broadcast_gathered(addresses, text):
            import asyncio
            jobs = [deliver(a, text) for a in addresses]
            if not jobs:
                return
            await asyncio.gather(*jobs)

        async def broadcast_handed(addresses, text, runner):
            jobs = [deliver(a, text) for a in addresses]
            if not jobs:
                return None
            return runner(jobs)
    ''', ["ACK301"])
