"""A StreamReader fed from a thread that is not its loop's: reported at the call, whether or not a read waits on
it then. Fed through call_soon_threadsafe, by the loop's own protocol, or by a thread running its own loop with
its own reader: nothing to report."""
import asyncio
import os
import threading


def feed_in_thread(feed):
    t = threading.Thread(target=feed)
    t.start()
    t.join()


async def read_after(reader, run_feeder):
    """The thread feeds before anything reads: no waiter is woken (asyncio's call_soon never sees it)."""
    await asyncio.to_thread(run_feeder)
    return await reader.readline()


def own_loop_in_thread():
    async def inner():
        reader = asyncio.StreamReader()
        reader.feed_data(b"mine\n")
        reader.feed_eof()
        return await reader.read()

    return asyncio.run(inner())


async def main():
    loop = asyncio.get_running_loop()
    early = asyncio.StreamReader()

    def feed_early():
        early.feed_data(b"early\n")  # ACK401
        early.feed_eof()  # ACK401

    print(await read_after(early, feed_early))

    waited = asyncio.StreamReader()

    def feed_waited():
        waited.feed_data(b"waited\n")  # ACK401
        loop.call_soon_threadsafe(lambda: None)

    reading = asyncio.ensure_future(waited.readline())
    await asyncio.sleep(0)
    await asyncio.to_thread(feed_waited)
    print(await reading)

    safe = asyncio.StreamReader()

    def feed_safely():
        loop.call_soon_threadsafe(safe.feed_data, b"safe\n")
        loop.call_soon_threadsafe(safe.feed_eof)

    await asyncio.to_thread(feed_safely)
    print(await safe.read())

    print(await asyncio.to_thread(own_loop_in_thread))

    r, w = os.pipe()
    piped = asyncio.StreamReader()
    transport, _ = await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(piped), os.fdopen(r, "rb"))
    await asyncio.to_thread(os.write, w, b"piped\n")
    os.close(w)
    print(await piped.read())
    transport.close()


asyncio.run(main())
