"""Objects whose iteration does the I/O: a boto3 resource's collection (`bucket.objects.filter(...)`) pages
through the service as it is iterated, whether by a `for`, a comprehension or a builtin that drains it
(`list(...)`, `sorted(...)`, `sum(...)`); so does a sync file. Building the collection, a collection's own
builders, attributes that merely look like collections, and draining it in a worker thread stay clean."""
from __future__ import annotations

from .helpers import check_marked

BLOCKING = ["ACK102", "ACK103"]


def test_iterating_a_boto3_collection_pages_through_the_service():
    check_marked('''
        import boto3

        async def purge(bucket_name: str, prefix: str) -> int:
            bucket = boto3.resource("s3").Bucket(bucket_name)
            stale = bucket.objects.filter(Prefix=prefix)  # lazy: no request yet
            count = 0
            for obj in stale:  # ACK102
                count += 1
            names = [o.key for o in bucket.objects.all()]  # ACK102
            newest = sorted(bucket.objects.filter(Prefix=prefix).limit(10), key=lambda o: o.last_modified)  # ACK102
            bucket.objects.filter(Prefix=prefix).delete()  # ACK102
            return count + len(names) + len(newest)

        async def first_lines(path: str) -> list:
            with open(path) as fh:  # ACK103
                return sorted(fh)  # ACK103
    ''', BLOCKING)


def test_look_alike_iterations_stay_clean():
    check_marked('''
        import asyncio

        import boto3

        def keys(bucket) -> list:
            return list(bucket.objects.all())  # a sync helper: its callers run it in a thread

        async def offloaded(bucket_name: str) -> list:
            bucket = boto3.resource("s3").Bucket(bucket_name)
            query = bucket.objects.filter(Prefix="logs/").page_size(100)
            keys_ = await asyncio.to_thread(lambda: [o.key for o in query])
            drained = await asyncio.to_thread(list, bucket.objects.all())
            return keys_ + drained + [bucket.name.upper()]

        class Inventory:
            def __init__(self) -> None:
                self.objects = []

            def all(self) -> list:
                return list(self.objects)

        async def report(inv: Inventory, lines: list) -> int:
            return len(list(inv.all())) + len(sorted(lines)) + sum(len(x) for x in lines)
    ''', BLOCKING)
