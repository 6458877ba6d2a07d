"""Shapes a blind probe (Kafka stream analytics, an auth service, PDF statements, backups over SSH, a till's serial
ports and chain calls, SQLAlchemy, neo4j and APScheduler) missed. Each flagged shape beside its look-alikes."""
from __future__ import annotations

from .helpers import check_marked


def test_an_rsa_or_dsa_key_generated_on_the_loop_computes_for_long_an_elliptic_curve_key_does_not():
    check_marked('''
        import asyncio

        import paramiko
        from cryptography.hazmat.primitives.asymmetric import dh, ec, rsa
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        class KeyRing:
            def __init__(self):
                self.current = None

            async def rotate(self):
                self.current = rsa.generate_private_key(public_exponent=65537, key_size=4096)  # ACK109

            async def rotate_host_key(self):
                return paramiko.RSAKey.generate(2048)  # ACK109

            async def new_group(self):
                return dh.generate_parameters(generator=2, key_size=2048)  # ACK109

            async def rotate_ec(self):
                self.current = ec.generate_private_key(ec.SECP256R1())

            async def rotate_ed(self):
                self.current = Ed25519PrivateKey.generate()

            async def rotate_offloaded(self):
                self.current = await asyncio.to_thread(rsa.generate_private_key, 65537, 4096)

            def rotate_sync(self):
                self.current = rsa.generate_private_key(public_exponent=65537, key_size=4096)
    ''', ["ACK109"])


def test_a_reportlab_document_built_to_a_named_file_writes_it_one_built_into_a_buffer_does_not():
    check_marked('''
        import asyncio
        import io

        from reportlab.platypus import Paragraph, SimpleDocTemplate
        from reportlab.platypus.doctemplate import BaseDocTemplate

        async def statement(path, story):
            doc = SimpleDocTemplate(str(path))
            doc.build(story)  # ACK103

        async def statement_typed(doc: BaseDocTemplate, story):
            doc.multiBuild(story)  # ACK103

        async def statement_bytes(story):
            buf = io.BytesIO()
            SimpleDocTemplate(buf).build(story)
            return buf.getvalue()

        def _build(path, story):
            SimpleDocTemplate(path).build(story)

        async def statement_offloaded(path, story):
            await asyncio.to_thread(_build, path, story)
    ''', ["ACK103"])


def test_a_coroutine_function_scheduled_on_apscheduler_thread_pool_never_runs_the_asyncio_scheduler_awaits_it():
    check_marked('''
        import asyncio

        from apscheduler.schedulers.asyncio import AsyncIOScheduler
        from apscheduler.schedulers.background import BackgroundScheduler
        from apscheduler.schedulers.blocking import BlockingScheduler

        async def rollup():
            await asyncio.sleep(1)

        def rollup_sync():
            asyncio.run(rollup())

        class Jobs:
            def __init__(self):
                self.scheduler = BackgroundScheduler(timezone="UTC")

            async def refresh(self):
                await asyncio.sleep(0)

            def start(self):
                self.scheduler.add_job(self.refresh, "interval", minutes=1)  # ACK301
                self.scheduler.add_job(func=rollup, trigger="cron", hour=3)  # ACK301
                self.scheduler.add_job(rollup_sync, "cron", hour=4)
                self.scheduler.add_job(lambda: asyncio.run(rollup()), "cron", hour=5)
                self.scheduler.start()

        def start_async():
            scheduler = AsyncIOScheduler(timezone="UTC")
            scheduler.add_job(rollup, "cron", hour=3)
            scheduler.start()

        def start_blocking():
            scheduler = BlockingScheduler()
            scheduler.add_job(rollup, "cron", hour=3)  # ACK301
            scheduler.start()
    ''', ["ACK301"])
