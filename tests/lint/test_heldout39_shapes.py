"""Shapes found missing on a held-out set of data and ML plumbing (heldout39): the sync clients of vector stores,
the model hub and experiment trackers, and the columnar file readers and writers of pyarrow and polars, called
from coroutines. Each flagged shape sits beside the look-alikes that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked

BLOCKING = ["ACK101", "ACK102", "ACK103", "ACK104", "ACK105", "ACK106", "ACK107", "ACK108"]


def test_sync_vector_store_clients_block_and_their_async_twin_does_not():
    check_marked('''
        import asyncio

        from pinecone import Pinecone
        from qdrant_client import AsyncQdrantClient, QdrantClient

        class Retriever:
            def __init__(self, url: str):
                self.store = QdrantClient(url=url)

            async def top_k(self, vector, k: int):
                hits = self.store.query_points("docs", query=vector, limit=k)  # ACK102
                return hits.points

            def top_k_sync(self, vector, k: int):
                return self.store.query_points("docs", query=vector, limit=k)

            async def top_k_offloaded(self, vector, k: int):
                return await asyncio.to_thread(self.store.query_points, "docs", query=vector, limit=k)

            async def configure(self) -> None:
                self.store.set_model("BAAI/bge-small-en")

        async def delete_ids(client: QdrantClient, ids: list) -> None:
            client.delete(collection_name="docs", points_selector=ids)  # ACK102

        async def delete_ids_async(client: AsyncQdrantClient, ids: list) -> None:
            await client.delete(collection_name="docs", points_selector=ids)

        async def write_vectors(api_key: str, rows: list) -> None:
            index = Pinecone(api_key=api_key).Index("products")
            index.upsert(vectors=rows)  # ACK102

        def write_vectors_sync(api_key: str, rows: list) -> None:
            Pinecone(api_key=api_key).Index("products").upsert(vectors=rows)
    ''', BLOCKING)


def test_an_async_qdrant_call_left_unawaited_is_a_dropped_coroutine():
    check_marked('''
        from qdrant_client import AsyncQdrantClient

        class Sink:
            def __init__(self) -> None:
                self.client = AsyncQdrantClient(url="http://qdrant:6333")

            async def put(self, points) -> None:
                self.client.upsert(collection_name="docs", points=points)  # ACK301

            async def put_awaited(self, points) -> None:
                await self.client.upsert(collection_name="docs", points=points)

            async def rename_model(self) -> None:
                self.client.set_model("BAAI/bge-small-en")
    ''', ["ACK301"])


def test_hub_downloads_and_tracking_calls_block():
    check_marked('''
        import asyncio

        import mlflow
        from huggingface_hub import HfApi, hf_hub_download, hf_hub_url

        async def fetch_config(repo: str) -> str:
            return hf_hub_download(repo_id=repo, filename="config.json")  # ACK102

        async def config_url(repo: str) -> str:
            # builds the URL: no request
            return hf_hub_url(repo_id=repo, filename="config.json")

        async def fetch_config_offloaded(repo: str) -> str:
            return await asyncio.to_thread(hf_hub_download, repo_id=repo, filename="config.json")

        async def push(api: HfApi, folder: str, repo: str) -> None:
            api.upload_folder(folder_path=folder, repo_id=repo)  # ACK102

        async def record(step: int, loss: float) -> None:
            mlflow.log_metric("loss", loss, step=step)  # ACK102

        def record_sync(step: int, loss: float) -> None:
            mlflow.log_metric("loss", loss, step=step)

        async def record_offloaded(metrics: dict) -> None:
            await asyncio.to_thread(mlflow.log_metrics, metrics)
    ''', BLOCKING)


def test_columnar_readers_and_writers_block_unless_handed_memory():
    check_marked('''
        import asyncio
        import io

        import polars as pl
        import pyarrow as pa
        import pyarrow.parquet as pq

        async def load(path: str):
            return pq.read_table(path, columns=["id", "text"])  # ACK103

        async def load_from_bytes(blob: bytes):
            return pq.read_table(pa.BufferReader(blob))

        async def load_from_bytesio(blob: bytes):
            return pq.read_table(io.BytesIO(blob))

        async def load_offloaded(path: str):
            return await asyncio.to_thread(pq.read_table, path)

        async def store(table, path: str) -> None:
            pq.write_table(table, path)  # ACK103

        async def store_to_memory(table) -> bytes:
            sink = pa.BufferOutputStream()
            pq.write_table(table, sink)
            return sink.getvalue().to_pybytes()

        async def frame(path: str):
            df = pl.read_parquet(path)  # ACK103
            df.write_csv(path + ".csv")  # ACK103
            return df.write_csv()

        async def lazy(path: str):
            # a lazy scan only plans the query; collecting it is the CPU work of the query itself
            return pl.scan_parquet(path).filter(pl.col("id") > 3)
    ''', BLOCKING)


def test_model_loaders_media_readers_and_remote_file_systems_block():
    check_marked('''
        import asyncio
        import io

        import cv2
        import h5py
        import numpy as np
        import s3fs
        import soundfile as sf
        from sentence_transformers import SentenceTransformer
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        class Classifier:
            def __init__(self, name: str):
                # made before the loop runs: a sync constructor may read the weights
                self.tokenizer = AutoTokenizer.from_pretrained(name)
                self.name = name

            async def reload(self) -> None:
                self.model = AutoModelForSequenceClassification.from_pretrained(self.name)  # ACK103

            async def reload_offloaded(self) -> None:
                self.model = await asyncio.to_thread(
                    AutoModelForSequenceClassification.from_pretrained, self.name)

            async def export(self, folder: str) -> None:
                model = AutoModelForSequenceClassification.from_pretrained(self.name)  # ACK103
                model.save_pretrained(folder)  # ACK103

        async def encoder(name: str):
            return SentenceTransformer(name)  # ACK103

        async def thumbnail(path: str, blob: bytes):
            img = cv2.imread(path)  # ACK103
            small = cv2.resize(img, (64, 64))
            decoded = cv2.imdecode(np.frombuffer(blob, np.uint8), cv2.IMREAD_COLOR)
            return small, decoded

        async def samples(path: str, blob: bytes):
            clip, rate = sf.read(path)  # ACK103
            same, _ = sf.read(io.BytesIO(blob))
            return clip, same, rate

        async def matrix(blob: bytes, path: str):
            with h5py.File(io.BytesIO(blob), "r") as mem:
                first = mem["x"][()]
            with h5py.File(path, "r") as disk:  # ACK103
                return first, disk["x"][()]

        class Shards:
            def __init__(self) -> None:
                self.fs = s3fs.S3FileSystem()

            async def names(self, prefix: str) -> list:
                return self.fs.ls(prefix)  # ACK103

            async def forget(self) -> None:
                self.fs.invalidate_cache()

            async def names_offloaded(self, prefix: str) -> list:
                return await asyncio.to_thread(self.fs.ls, prefix)
    ''', BLOCKING)


def test_azure_blob_sync_clients_block_and_their_handles_and_lazy_listings_do_not():
    check_marked('''
        import asyncio

        from azure.storage.blob import BlobServiceClient, ContainerClient

        class RawZone:
            def __init__(self, conn: str):
                self.service = BlobServiceClient.from_connection_string(conn)
                self.raw = self.service.get_container_client("raw")

            async def read(self, name: str) -> bytes:
                handle = self.raw.get_blob_client(name)
                return handle.download_blob().readall()  # ACK102

            async def read_offloaded(self, name: str) -> bytes:
                handle = self.raw.get_blob_client(name)
                return await asyncio.to_thread(lambda: handle.download_blob().readall())

            async def keys(self) -> list:
                return [b.name for b in self.raw.list_blobs(name_starts_with="in/")]  # ACK102

            async def listing(self):
                # the pager requests nothing until it is iterated, here on a worker thread
                pages = self.raw.list_blobs()
                return await asyncio.to_thread(list, pages)

        async def put(container: ContainerClient, name: str, data: bytes) -> None:
            container.upload_blob(name, data, overwrite=True)  # ACK102

        def put_sync(container: ContainerClient, name: str, data: bytes) -> None:
            container.upload_blob(name, data, overwrite=True)
    ''', BLOCKING)
