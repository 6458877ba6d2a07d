"""A log tailer ships batches: each batch is compressed in a thread pool, and when the compression job finishes
its done callback hands the batch to the shipper loop with call_soon_threadsafe."""
import asyncio
import concurrent.futures
import gzip
import time

def compress_batch(text):
    time.sleep(0.05)  # the archive format wants whole blocks: the tailer waits for the next flush
    return gzip.compress(text.encode())


POOL = concurrent.futures.ThreadPoolExecutor(2, thread_name_prefix="gz")


class Shipper:
    def __init__(self, loop):
        self.loop = loop
        self.ready = []

    def batch_ready(self, seq, blob):
        self.ready.append((seq, len(gzip.decompress(blob))))

    def submit(self, seq, lines):
        job = POOL.submit(compress_batch, "\n".join(lines))
        job.add_done_callback(lambda f: self.loop.call_soon_threadsafe(self.batch_ready, seq, f.result()))
        return job


async def main():
    shipper = Shipper(asyncio.get_running_loop())
    lines = [f"GET /item/{n} 200" for n in range(300)]
    jobs = [shipper.submit(seq, lines[seq * 100:(seq + 1) * 100]) for seq in range(3)]
    await asyncio.gather(*(asyncio.wrap_future(j) for j in jobs))
    for _ in range(20):
        if len(shipper.ready) == 3:
            break
        await asyncio.sleep(0.02)
    print(sorted(shipper.ready))


asyncio.run(main())
POOL.shutdown()
