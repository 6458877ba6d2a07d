"""Shapes the unseen set heldout59 (AI and data services: LLM agents, RAG pipelines, model serving, ETL, eval
harnesses) showed missed, each beside the look-alike that must stay quiet."""
from .helpers import check_marked, project_findings


def test_an_exception_only_formatted_by_another_modules_helper_is_still_swallowed(tmp_path):
    found = project_findings(tmp_path, {
        "svc/__init__.py": "",
        "svc/errors.py": '''
            import traceback

            def describe(stage, err):
                return f"{stage}: {type(err).__name__}: {err}"

            def keep(err):
                FAILURES.append(err)
                return str(err)

            def trace_of(err):
                return "".join(traceback.format_exception(err))

            FAILURES = []
        ''',
        "svc/worker.py": '''
            import asyncio
            from svc.errors import describe, keep, trace_of

            async def pump(jobs: asyncio.Queue, run, page) -> None:
                while True:
                    try:
                        await run(await jobs.get())
                    except BaseException as e:
                        await page(describe("pump", e))

            async def pump_kept(jobs: asyncio.Queue, run, page) -> None:
                while True:
                    try:
                        await run(await jobs.get())
                    except BaseException as e:
                        await page(keep(e))

            async def pump_traced(jobs: asyncio.Queue, run, page) -> None:
                while True:
                    try:
                        await run(await jobs.get())
                    except BaseException as e:
                        await page(trace_of(e))

            async def pump_errors(jobs: asyncio.Queue, run, page) -> None:
                while True:
                    try:
                        await run(await jobs.get())
                    except Exception as e:
                        await page(describe("pump", e))
        ''',
    }, ["ACK601", "ACK602"])
    # describe() only formats the exception; keep() stores it and trace_of() hands it to a library: not looked into
    assert found == {("svc/worker.py", 8, "ACK601")}


def test_a_connection_from_an_asyncpg_pool_and_pgvector_hooks_make_coroutines():
    check_marked('''
        import asyncpg
        from pgvector.asyncpg import register_vector

        class Chunks:
            def __init__(self, pool: asyncpg.Pool):
                self.pool = pool

            async def save(self, key, vec):
                async with self.pool.acquire() as conn:
                    conn.execute("INSERT INTO chunks VALUES ($1, $2)", key, vec)  # ACK301

            async def save_awaited(self, key, vec):
                async with self.pool.acquire() as conn:
                    async with conn.transaction():
                        await conn.execute("INSERT INTO chunks VALUES ($1, $2)", key, vec)

            async def borrow(self):
                conn = await self.pool.acquire()
                conn.copy_records_to_table("chunks", records=[])  # ACK301
                return conn

        async def setup(conn: asyncpg.Connection):
            register_vector(conn)  # ACK301

        async def setup_awaited(conn: asyncpg.Connection):
            await register_vector(conn)
    ''', ["ACK301"])


def test_an_mcp_tools_context_sends_its_notifications_as_coroutines():
    check_marked('''
        from mcp.server.fastmcp import Context, FastMCP

        from .jobs import Context as JobContext

        server = FastMCP("files")

        @server.tool()
        async def rebuild(ctx: Context, parts: int) -> str:
            for i in range(parts):
                ctx.report_progress(i, parts)  # ACK301
            ctx.info("rebuilt")  # ACK301
            await ctx.debug("done")
            return "ok"

        async def rebuild_job(ctx: JobContext, parts: int) -> str:
            ctx.info("a project class of the same name")
            return "ok"
    ''', ["ACK301"])


def test_playwright_async_page_calls_are_coroutines_and_its_sync_api_blocks():
    check_marked('''
        import asyncio
        from playwright.async_api import Page, async_playwright
        from playwright.sync_api import sync_playwright

        async def grab(url):
            async with async_playwright() as pw:
                browser = await pw.firefox.launch()
                ctx = await browser.new_context()
                tab = await ctx.new_page()
                tab.goto(url)  # ACK301
                tab.get_by_text("Accept").click()  # ACK301
                found = tab.locator("article")
                tab.on("dialog", lambda d: None)
                async with tab.expect_navigation():
                    await found.first.click()
                return await tab.content()

        async def snap(tab: Page, out):
            tab.screenshot(path=out)  # ACK301

        def render_sync(url):
            with sync_playwright() as pw:
                browser = pw.webkit.launch()
                return browser.new_page().content()

        async def render_offloaded(url):
            return await asyncio.to_thread(render_sync, url)

        async def render_on_loop(url):
            with sync_playwright() as pw:  # ACK104
                browser = pw.webkit.launch()  # ACK102
                tab = browser.new_page()  # ACK102
                tab.goto(url)  # ACK102
                return tab.content()  # ACK102
    ''', ["ACK301", "ACK102", "ACK104"])


def test_chroma_collections_block_by_the_client_that_made_them_and_faiss_index_files_are_file_io():
    check_marked('''
        import asyncio
        import chromadb
        import faiss

        class Memory:
            def __init__(self, folder: str, host: str):
                self.notes = chromadb.PersistentClient(path=folder).get_or_create_collection("notes")
                self.shared = chromadb.HttpClient(host=host).get_collection("shared")
                self.scratch = chromadb.EphemeralClient().create_collection("scratch")

            async def remember(self, ids, vectors):
                self.notes.upsert(ids=ids, embeddings=vectors)  # ACK103
                self.scratch.upsert(ids=ids, embeddings=vectors)

            async def recall(self, vector):
                return self.shared.query(query_embeddings=[vector], n_results=3)  # ACK102

            async def recall_offloaded(self, vector):
                return await asyncio.to_thread(self.notes.query, query_embeddings=[vector])

        async def typed_only(notes: chromadb.Collection, vector):
            # an annotation does not say which client made it
            return notes.query(query_embeddings=[vector])

        def _restore(path):
            return faiss.read_index(path)

        async def restore(path):
            return _restore(path)  # ACK103

        async def restore_offloaded(path):
            return await asyncio.to_thread(faiss.read_index, path)
    ''', ["ACK102", "ACK103"])


def test_a_task_per_item_of_an_async_comprehension_is_an_unbounded_spawn():
    check_marked('''
        import asyncio

        async def score(row): ...

        async def rows(cursor):
            async for row in cursor:
                yield row

        async def score_all(cursor):
            async with asyncio.TaskGroup() as tg:
                jobs = [tg.create_task(score(r)) async for r in rows(cursor)]  # ACK502
            return [j.result() for j in jobs]

        async def score_by_key(cursor):
            return {r.key: asyncio.create_task(score(r)) async for r in rows(cursor)}  # ACK502

        async def score_listed(batch: list):
            # a comprehension over a collection is bounded by its size
            return await asyncio.gather(*[asyncio.create_task(score(r)) for r in batch])

        async def score_in_place(cursor):
            return [await score(r) async for r in rows(cursor)]

        LIMIT = asyncio.Semaphore(8)

        async def score_limited(row):
            async with LIMIT:
                return await score(row)

        async def score_all_limited(cursor):
            async with asyncio.TaskGroup() as tg:
                jobs = [tg.create_task(score_limited(r)) async for r in rows(cursor)]
            return [j.result() for j in jobs]
    ''', ["ACK502"])


def test_a_loop_objects_bound_method_handed_as_a_callback_from_code_run_in_a_thread():
    check_marked('''
        import asyncio
        import functools
        import threading

        class Finetune:
            def __init__(self, runner):
                self.runner = runner
                self.steps: asyncio.Queue = asyncio.Queue(maxsize=64)
                self.finished = asyncio.Event()
                self.hooks = []

            async def run(self):
                loop = asyncio.get_running_loop()
                await loop.run_in_executor(None, lambda: self.runner.fit(each=self.steps.put_nowait))  # ACK401

            async def run_handed_over(self):
                loop = asyncio.get_running_loop()
                await loop.run_in_executor(
                    None, lambda: self.runner.fit(each=lambda s: loop.call_soon_threadsafe(self.steps.put_nowait, s)))

            async def run_partial(self):
                loop = asyncio.get_running_loop()
                each = functools.partial(loop.call_soon_threadsafe, self.steps.put_nowait)
                await asyncio.to_thread(self.runner.fit, each=each)

            def _blocking(self):
                self.hooks.append(self.finished.set)
                self.runner.fit(done=self.finished.set)  # ACK401

            async def start(self):
                threading.Thread(target=self._blocking, daemon=True).start()

            async def attach_on_loop(self):
                self.runner.attach(each=self.steps.put_nowait)
    ''', ["ACK401"])


def test_a_worker_thread_resolving_asyncio_futures_that_coroutines_queued_for_it():
    check_marked('''
        import asyncio
        import concurrent.futures
        import queue
        import threading

        class Reranker:
            def __init__(self, model):
                self.model = model
                self.inbox: queue.Queue = queue.Queue(maxsize=256)
                threading.Thread(target=self._serve, daemon=True).start()

            def _serve(self):
                while True:
                    pairs, done = self.inbox.get()
                    try:
                        done.set_result(self.model.score(pairs))  # ACK401
                    except Exception as exc:
                        done.set_exception(exc)  # ACK401

            async def rerank(self, pairs):
                done = asyncio.get_running_loop().create_future()
                self.inbox.put_nowait((pairs, done))
                return await done

        class HandedBackReranker:
            def __init__(self, model):
                self.model = model
                self.inbox: queue.Queue = queue.Queue(maxsize=256)
                threading.Thread(target=self._serve, daemon=True).start()

            def _serve(self):
                while True:
                    loop, pairs, done = self.inbox.get()
                    loop.call_soon_threadsafe(done.set_result, self.model.score(pairs))

            async def rerank(self, pairs):
                loop = asyncio.get_running_loop()
                done = loop.create_future()
                self.inbox.put_nowait((loop, pairs, done))
                return await done

        class ThreadFutureReranker:
            def __init__(self, model):
                self.model = model
                self.inbox: queue.Queue = queue.Queue(maxsize=256)
                threading.Thread(target=self._serve, daemon=True).start()

            def _serve(self):
                while True:
                    pairs, done = self.inbox.get()
                    done.set_result(self.model.score(pairs))

            async def rerank(self, pairs):
                done = concurrent.futures.Future()
                self.inbox.put_nowait((pairs, done))
                return await asyncio.wrap_future(done)
    ''', ["ACK401"])


def test_model_inference_and_slow_password_hashes_in_a_coroutine_are_blocking_compute():
    check_marked('''
        import asyncio
        import bcrypt
        import onnxruntime
        from passlib.context import CryptContext
        from sentence_transformers import CrossEncoder
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer, pipeline

        from .stages import Pipeline

        ranker = CrossEncoder("cross-encoder/ms-marco-MiniLM-L-6-v2")
        translate = pipeline("translation_en_to_de")
        seq2seq = AutoModelForSeq2SeqLM.from_pretrained("t5-small").to("cpu").eval()
        words = AutoTokenizer.from_pretrained("t5-small")
        hashing = CryptContext(schemes=["argon2"])

        class Detector:
            def __init__(self, path: str):
                self.session = onnxruntime.InferenceSession(path)

            def detect_sync(self, frame):
                return self.session.run(None, {"images": frame})

            async def detect(self, frame):
                return self.detect_sync(frame)  # ACK109

            async def detect_offloaded(self, frame):
                return await asyncio.to_thread(self.session.run, None, {"images": frame})

        async def rank(query, passages):
            return ranker.predict([(query, p) for p in passages])  # ACK109

        async def to_german(text):
            return translate(text)[0]["translation_text"]  # ACK109

        async def summarize(text):
            ids = words(text, return_tensors="pt")
            out = seq2seq.generate(**ids, max_new_tokens=60)  # ACK109
            return words.decode(out[0], skip_special_tokens=True)

        async def sign_up(password: str) -> bytes:
            return bcrypt.hashpw(password.encode(), bcrypt.gensalt())  # ACK109

        async def log_in(password: str, stored: str) -> bool:
            return hashing.verify(password, stored)  # ACK109

        async def log_in_offloaded(password: str, stored: str) -> bool:
            return await asyncio.to_thread(hashing.verify, password, stored)

        def log_in_sync(password: str, stored: str) -> bool:
            return hashing.verify(password, stored)

        async def run_stages(stages: Pipeline, item):
            # a project class named like transformers' own
            return stages(item)
    ''', ["ACK109"])


def test_a_loop_objects_method_handed_first_in_line_is_a_hand_over_not_a_hook():
    check_marked('''
        import asyncio
        import threading
        from anyio import from_thread

        class Relay:
            def __init__(self, ui, source):
                self.ui = ui
                self.source = source
                self.inbox: asyncio.Queue = asyncio.Queue(maxsize=100)

            def _pump(self):
                for item in self.source:
                    self.ui.call_from_thread(self.inbox.put_nowait, item)
                    from_thread.run_sync(self.inbox.put_nowait, item)
                self.source.close(on_closed=self.inbox.put_nowait)  # ACK401

            async def start(self):
                threading.Thread(target=self._pump, daemon=True).start()
    ''', ["ACK401"])
