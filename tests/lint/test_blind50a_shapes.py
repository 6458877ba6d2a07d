"""Shapes a blind probe (model serving, ffmpeg and moviepy workers, a mail gateway, cloud storage and caches, DNS and
git tooling, browser robots, Stripe, geospatial steps) missed. Each flagged shape beside its look-alikes."""
from __future__ import annotations

from .helpers import check_marked

CANCEL = ["ACK601", "ACK602"]


def test_a_retry_wrappers_while_true_that_returns_on_success_is_a_call_its_caller_awaits():
    check_marked('''
        import asyncio
        import functools
        import logging

        log = logging.getLogger()

        def with_retries(fn):
            @functools.wraps(fn)
            async def wrapper(*args, **kwargs):
                while True:
                    try:
                        await fn(*args, **kwargs)
                        return
                    except OSError:
                        await asyncio.sleep(30)
                    except BaseException:  # ACK602
                        log.exception("giving up on %s", fn.__name__)
                        return
            return wrapper

        def with_retries_reraising(fn):
            @functools.wraps(fn)
            async def wrapper(*args, **kwargs):
                while True:
                    try:
                        return await fn(*args, **kwargs)
                    except OSError:
                        await asyncio.sleep(30)
                    except BaseException:
                        log.exception("giving up on %s", fn.__name__)
                        raise
            return wrapper

        def every(seconds):
            def decorator(fn):
                @functools.wraps(fn)
                async def wrapper(*args):
                    while True:
                        try:
                            await fn(*args)
                            await asyncio.sleep(seconds)
                        except BaseException:
                            log.exception("tick failed")
                            break
                return wrapper
            return decorator
    ''', CANCEL)


def test_an_azure_clients_alternate_constructor_makes_that_client_sync_or_async():
    check_marked('''
        from azure.storage.blob import BlobServiceClient
        from azure.storage.blob.aio import BlobServiceClient as AioBlobServiceClient
        from azure.storage.queue.aio import QueueClient

        async def upload_forgot(conn_str, name, data):
            async with AioBlobServiceClient.from_connection_string(conn_str) as service:
                container = service.get_container_client("assets")
                container.upload_blob(name, data, overwrite=True)  # ACK301

        async def enqueue_forgot(url, text):
            queue = QueueClient.from_queue_url(url)
            queue.send_message(text)  # ACK301

        async def upload(conn_str, name, data):
            async with AioBlobServiceClient.from_connection_string(conn_str) as service:
                container = service.get_container_client("assets")
                await container.upload_blob(name, data, overwrite=True)

        async def url_of(conn_str, name):
            service = AioBlobServiceClient.from_connection_string(conn_str)
            return service.get_blob_client("assets", name).url

        async def upload_sync_client(conn_str, name, data):
            service = BlobServiceClient.from_connection_string(conn_str)
            service.get_container_client("assets").upload_blob(name, data)  # ACK102
    ''', ["ACK301", "ACK102"])


def test_the_async_suffixed_twins_of_stripe_and_twilio_make_coroutines_other_async_suffixes_do_not():
    check_marked('''
        import stripe
        from cassandra.cluster import Cluster
        from twilio.rest import Client

        async def cancel_all(client: stripe.StripeClient, ids):
            for intent_id in ids:
                client.payment_intents.cancel_async(intent_id)  # ACK301

        async def refund(intent_id):
            stripe.Refund.create_async(payment_intent=intent_id)  # ACK301

        async def notify(client: Client, to, body):
            client.messages.create_async(to=to, from_="+15550100", body=body)  # ACK301

        async def refund_awaited(client: stripe.StripeClient, intent_id):
            return await client.refunds.create_async(params={"payment_intent": intent_id})

        async def refund_blocking(intent_id):
            return stripe.Refund.create(payment_intent=intent_id)  # ACK102

        def query_later(cluster: Cluster, cql):
            session = cluster.connect()
            session.execute_async(cql)
    ''', ["ACK301", "ACK102"])


def test_the_asyncio_twins_of_memcached_gcs_and_dnspython_clients_make_coroutines():
    check_marked('''
        from typing import Optional

        import aiomcache
        import dns.asyncresolver
        import dns.resolver
        from gcloud.aio.storage import Storage
        from pymemcache.client.base import Client

        class RenditionCache:
            def __init__(self):
                self.mc: Optional[aiomcache.Client] = None

            async def _client(self) -> aiomcache.Client:
                if self.mc is None:
                    self.mc = aiomcache.Client("cache", 11211)
                return self.mc

            async def put(self, key, data):
                mc = await self._client()
                mc.set(key, data, exptime=60)  # ACK301

            async def get(self, key):
                return await (await self._client()).get(key)

        class Mirror:
            def __init__(self):
                self.storage = Storage()

            async def close(self):
                self.storage.close()  # ACK301

            async def blob_name(self, bucket, name):
                return self.storage.get_bucket(bucket).new_blob(name).name

            async def exists(self, bucket, name):
                return await self.storage.get_bucket(bucket).blob_exists(name)

        async def warm(services):
            resolver = dns.asyncresolver.Resolver()
            for service in services:
                resolver.resolve(f"_{service}._tcp.internal", "SRV")  # ACK301
            await dns.asyncresolver.resolve("internal", "A")

        async def lookup_blocking(name):
            return dns.resolver.resolve(name, "A")  # ACK105

        async def cached_blocking(key):
            return Client(("cache", 11211)).get(key)  # ACK105
    ''', ["ACK301", "ACK105"])


def test_a_moviepy_clip_opened_or_written_on_the_loop_runs_ffmpeg_its_edits_do_not():
    check_marked('''
        import asyncio

        from moviepy import AudioFileClip
        from moviepy.editor import VideoFileClip

        async def cut_preview(src, dest):
            with VideoFileClip(str(src)) as clip:  # ACK104
                clip.subclip(0, 10).write_videofile(str(dest), audio=False)  # ACK104

        async def shrink(clip: VideoFileClip, dest):
            clip.subclip(0, 10).resize(0.5).write_videofile(str(dest))  # ACK104

        async def soundtrack(src):
            return AudioFileClip(src)  # ACK104

        async def preview_length(clip: VideoFileClip):
            return clip.subclip(0, 5).duration

        def cut_preview_sync(src, dest):
            with VideoFileClip(str(src)) as clip:
                clip.subclip(0, 10).write_videofile(str(dest), audio=False)

        async def cut_preview_offloaded(src, dest):
            await asyncio.to_thread(cut_preview_sync, src, dest)
    ''', ["ACK104"])


def test_dulwich_and_pygit2_read_the_repository_or_reach_the_remote_on_the_calling_thread():
    check_marked('''
        import asyncio

        import pygit2
        from dulwich import porcelain

        async def mirror(url, dest):
            porcelain.clone(url, dest, depth=1)  # ACK105

        async def pending_changes(path):
            return porcelain.status(path)  # ACK103

        async def recent(path, limit=20):
            repo = pygit2.Repository(str(path))
            out = []
            for commit in repo.walk(repo.head.target, pygit2.GIT_SORT_TIME):  # ACK103
                out.append(commit.message)
                if len(out) >= limit:
                    break
            return out

        async def dirty(repo: pygit2.Repository):
            return bool(repo.status())  # ACK103

        async def branch(repo: pygit2.Repository):
            return repo.head.shorthand

        async def pending_changes_offloaded(path):
            return await asyncio.to_thread(porcelain.status, path)
    ''', ["ACK103", "ACK105"])


def test_a_transformers_auto_class_named_as_a_type_stands_for_the_model_or_tokenizer_it_makes():
    check_marked('''
        import asyncio
        from typing import Optional

        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        class ChatModel:
            def __init__(self, name: str) -> None:
                self.tokenizer: AutoTokenizer = AutoTokenizer.from_pretrained(name)
                self.model: AutoModelForCausalLM = AutoModelForCausalLM.from_pretrained(name)

            async def reply(self, prompt: str) -> str:
                ids = self.tokenizer(prompt, return_tensors="pt").input_ids
                with torch.inference_mode():
                    out = self.model.generate(ids, max_new_tokens=64)  # ACK109
                return self.tokenizer.decode(out[0], skip_special_tokens=True)

            async def reply_offloaded(self, prompt: str) -> str:
                ids = self.tokenizer(prompt, return_tensors="pt").input_ids
                out = await asyncio.to_thread(self.model.generate, ids, max_new_tokens=64)
                return self.tokenizer.decode(out[0])

        async def complete(model: Optional[AutoModelForCausalLM], ids):
            return model.generate(ids)  # ACK109

        async def keep_tokenizer(tokenizer: AutoTokenizer, path):
            tokenizer.save_pretrained(path)  # ACK103

        async def vocabulary(tokenizer: AutoTokenizer):
            return len(tokenizer.get_vocab())
    ''', ["ACK109", "ACK103"])


def test_a_torchscript_module_called_on_the_loop_runs_its_forward_pass_a_plain_torch_module_may_be_one_layer():
    check_marked('''
        import asyncio

        import torch
        from torch import nn

        class Tagger:
            def __init__(self) -> None:
                self.model = torch.jit.load("/srv/models/tagger.pt").eval()

            async def tags(self, features):
                with torch.no_grad():
                    scores = self.model(features)  # ACK109
                return scores.topk(3).indices.tolist()

            async def tags_offloaded(self, features):
                return await asyncio.to_thread(self.model, features)

        async def embed(model: torch.jit.ScriptModule, batch):
            return model.to("cpu")(batch)  # ACK109

        async def project(layer: nn.Module, batch):
            return layer(batch)

        async def rescale(batch: torch.Tensor):
            return (batch * 2).sum()

        def embed_sync(model: nn.Module, batch):
            return model(batch)
    ''', ["ACK109"])


def test_a_pillow_image_made_or_edited_in_memory_is_still_an_image_its_save_to_a_path_writes_a_file():
    check_marked('''
        import asyncio
        import io

        from PIL import Image, ImageFont, ImageOps

        async def cover(title, dest):
            font = ImageFont.truetype("/srv/fonts/Inter.ttf", 64)  # ACK103
            img = Image.new("RGB", (1400, 1400), "black")
            img.save(dest)  # ACK103

        async def square(data: bytes, dest):
            with Image.open(io.BytesIO(data)) as im:
                ImageOps.fit(im, (256, 256)).convert("RGB").save(dest, quality=85)  # ACK103

        async def square_bytes(data: bytes) -> bytes:
            buf = io.BytesIO()
            with Image.open(io.BytesIO(data)) as im:
                ImageOps.fit(im, (256, 256)).save(buf, format="PNG")
            return buf.getvalue()

        async def font_from_blob(blob: bytes):
            return ImageFont.truetype(io.BytesIO(blob), 24)

        async def cover_offloaded(dest):
            img = Image.new("RGB", (1400, 1400), "black")
            await asyncio.to_thread(img.save, dest)
    ''', ["ACK103"])
