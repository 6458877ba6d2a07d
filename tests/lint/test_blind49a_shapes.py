"""Shapes a blind probe (Kafka stream analytics, an auth service, PDF statements, backups over SSH, a till's serial
ports and chain calls, SQLAlchemy, neo4j and APScheduler) missed. Each flagged shape beside its look-alikes."""
from __future__ import annotations

from .helpers import check_marked, project_findings


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


def test_a_reraise_only_when_a_predicate_of_the_project_says_fatal_lets_cancellation_be_swallowed():
    check_marked('''
        import logging

        log = logging.getLogger(__name__)

        def keep_going(exc: BaseException) -> bool:
            log.error("job failed: %r", exc)
            return not isinstance(exc, (KeyboardInterrupt, SystemExit))

        def is_fatal(exc):
            """Only what must stop the process."""
            log.error("job failed: %r", exc)
            return isinstance(exc, (KeyboardInterrupt, SystemExit))

        def other_than_os_error(exc):
            return not isinstance(exc, OSError)

        async def run_job(job):
            try:
                await job()
            except BaseException as exc:  # ACK602
                if not keep_going(exc):
                    raise

        async def run_job_fatal(job):
            try:
                await job()
            except BaseException as exc:  # ACK602
                if is_fatal(exc):
                    raise

        async def run_job_reraising(job):
            try:
                await job()
            except BaseException as exc:
                keep_going(exc)
                raise

        async def run_job_kept_going(job):
            try:
                await job()
            except BaseException as exc:
                if keep_going(exc):
                    raise

        async def run_job_os_errors_only(job):
            try:
                await job()
            except BaseException as exc:
                if other_than_os_error(exc):
                    raise
    ''', ["ACK601", "ACK602"])


def test_a_predicate_of_another_module_that_holds_for_all_but_some_builtin_kinds(tmp_path):
    found = project_findings(tmp_path, {
        "jobs/errors.py": '''
            import logging

            def keep_going(exc: BaseException) -> bool:
                logging.getLogger("jobs").error("job failed: %r", exc)
                return not isinstance(exc, (KeyboardInterrupt, SystemExit))

            def retry_worthy(exc: BaseException) -> bool:
                return not isinstance(exc, PermissionError)
        ''',
        "jobs/runner.py": '''
            from .errors import keep_going, retry_worthy

            async def run_job(job):
                try:
                    await job()
                except BaseException as exc:
                    if not keep_going(exc):
                        raise

            async def run_job_retried(job):
                try:
                    await job()
                except BaseException as exc:
                    if retry_worthy(exc):
                        raise
        ''',
        "jobs/__init__.py": "",
    }, ["ACK601", "ACK602"])
    assert found == {("jobs/runner.py", 6, "ACK602")}


def test_the_wrapper_of_a_decorator_that_swallows_cancellation_is_what_the_decorated_functions_callers_await():
    check_marked('''
        import asyncio
        import functools
        import logging

        log = logging.getLogger(__name__)

        def never_fail(fn):
            @functools.wraps(fn)
            async def wrapper(*args, **kwargs):
                try:
                    await fn(*args, **kwargs)
                except BaseException:  # ACK602
                    log.exception("%s failed", fn.__name__)

            return wrapper

        def retry(times):
            def deco(fn):
                async def wrapper(*args):
                    try:
                        return await fn(*args)
                    except BaseException:  # ACK601
                        return None

                return wrapper

            return deco

        def _quiet(fn):
            async def wrapper(*args):
                try:
                    return await fn(*args)
                except BaseException:  # ACK601
                    return None

            return wrapper

        @_quiet
        async def fetch(url):
            return url

        def _never_used(fn):
            async def wrapper(*args):
                try:
                    return await fn(*args)
                except BaseException:
                    return None

            return wrapper

        def logged(fn):
            @functools.wraps(fn)
            async def wrapper(*args, **kwargs):
                try:
                    await fn(*args, **kwargs)
                except Exception:
                    log.exception("%s failed", fn.__name__)

            return wrapper

        def reraising(fn):
            async def wrapper(*args):
                try:
                    return await fn(*args)
                except BaseException:
                    log.warning("%s interrupted", fn.__name__)
                    raise

            return wrapper

        def runner_of(fn):
            async def run():
                try:
                    await asyncio.sleep(1)
                except BaseException:
                    return None

            return run
    ''', ["ACK601", "ACK602"])
