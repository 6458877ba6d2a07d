"""Library families the unseen set heldout66 (LLM apps, web back-ends, SaaS SDKs, browser automation, data
tooling, home automation) showed missed, each beside the look-alikes that must stay quiet: the async twin's
same-named call, the call handed to a worker thread, the same call in sync code, a project's own method of the
same name, a library object of the family that does no I/O."""
from .helpers import check_marked, project_findings

BLOCKING = ("ACK102", "ACK103", "ACK105", "ACK106")


def test_a_langchain_runnable_invoked_in_a_coroutine_waits_for_the_model():
    check_marked('''
        import asyncio
        from typing import Any
        from langchain_core.prompts import ChatPromptTemplate
        from langchain_core.runnables import Runnable
        from langchain_openai import ChatOpenAI, OpenAIEmbeddings
        from langchain_anthropic import ChatAnthropic

        llm = ChatOpenAI(model="gpt-4o-mini")
        emb = OpenAIEmbeddings()
        prompt = ChatPromptTemplate.from_template("{q}")

        async def answer(q):
            return llm.invoke(q).content  # ACK102

        async def run_chain(chain: Runnable, inputs: dict) -> Any:
            return chain.invoke(inputs)  # ACK102

        async def many(model: ChatAnthropic, qs):
            return model.batch(qs)  # ACK102

        async def vector(q):
            return emb.embed_query(q)  # ACK102

        async def answer_async(q):
            return (await llm.ainvoke(q)).content

        async def tokens(q):
            async for chunk in llm.astream(q):
                print(chunk)

        async def offloaded(q):
            return await asyncio.to_thread(llm.invoke, q)

        async def formatted(q):
            # a prompt template only formats
            return prompt.invoke({"q": q})

        def script(q):
            return llm.invoke(q)
    ''', BLOCKING)


def test_a_langchain_coroutine_twin_dropped_is_never_run():
    check_marked('''
        from langchain_core.runnables import Runnable
        from langchain_openai import ChatOpenAI

        llm = ChatOpenAI(model="gpt-4o-mini")

        async def forgot(q):
            llm.ainvoke(q)  # ACK301

        async def forgot_batch(chain: Runnable, qs):
            chain.abatch(qs)  # ACK301

        async def kept(chain: Runnable, qs):
            return await chain.abatch(qs)

        async def streamed(q):
            gen = llm.astream(q)
            async for _ in gen:
                pass

        class Mine:
            def ainvoke(self, q):
                return q

        async def own(m: Mine, q):
            m.ainvoke(q)
    ''', ["ACK301"])


def test_a_project_class_with_an_invoke_method_is_not_a_runnable():
    check_marked('''
        class Pipeline:
            def invoke(self, x):
                return x * 2

            def batch(self, xs):
                return [x * 2 for x in xs]

        async def run(p: Pipeline, xs):
            return p.invoke(1), p.batch(xs)
    ''', BLOCKING)


def test_pygithub_objects_reached_from_the_client_or_an_annotation_make_requests():
    check_marked('''
        import asyncio
        from github import Github, Repository
        from github.PullRequest import PullRequest

        async def label(gh: Github, name, n):
            gh.get_repo(name).get_issue(n).add_to_labels("bug")  # ACK102

        async def open_prs(repo: Repository.Repository):
            return [pr.number for pr in repo.get_pulls(state="open")]  # ACK102

        async def merge(pr: PullRequest):
            pr.merge(merge_method="squash")  # ACK102

        async def title(pr: PullRequest):
            return pr.title

        async def offloaded(repo: Repository.Repository, n):
            return await asyncio.to_thread(repo.get_issue, n)

        def cli(repo: Repository.Repository, n):
            return repo.get_issue(n).title
    ''', BLOCKING)


def test_gidgethub_calls_are_coroutines_but_getiter_is_an_async_generator():
    check_marked('''
        import aiohttp
        from gidgethub.aiohttp import GitHubAPI
        from gidgethub.abc import GitHubAPI as AbstractAPI

        async def sync_labels(gh: GitHubAPI, repo, labels):
            for label in labels:
                gh.post(f"/repos/{repo}/labels", data={"name": label})  # ACK301

        async def made_here(token):
            async with aiohttp.ClientSession() as session:
                gh = GitHubAPI(session, "bot", oauth_token=token)
                gh.getitem("/rate_limit")  # ACK301

        async def declared_abstract(gh: AbstractAPI):
            gh.delete("/repos/x/y/labels/z")  # ACK301

        async def awaited(gh: GitHubAPI, repo):
            await gh.post(f"/repos/{repo}/labels", data={"name": "x"})
            async for n in gh.getiter("/notifications"):
                print(n)

        async def iterated(gh: GitHubAPI):
            pages = gh.getiter("/notifications")
            return [n async for n in pages]
    ''', ["ACK301"])


def test_duckdb_on_a_database_file_runs_queries_on_the_calling_thread_but_not_in_memory():
    check_marked('''
        import asyncio
        import duckdb

        con = duckdb.connect("/data/analytics.duckdb")
        scratch = duckdb.connect()
        mem = duckdb.connect(database=":memory:")

        async def top(n):
            return con.execute("SELECT * FROM t LIMIT ?", [n]).fetchall()  # ACK105

        async def relation():
            return con.sql("SELECT 1").df()  # ACK105

        async def declared(db: duckdb.DuckDBPyConnection):
            return db.execute("SELECT 1").fetchone()  # ACK105

        async def opened(path):
            db = duckdb.connect(path)  # ACK105
            return db.execute("SELECT 1").fetchone()  # ACK105

        async def in_memory():
            return scratch.execute("SELECT 42").fetchall()

        async def in_memory_named():
            return mem.sql("SELECT 42").fetchall()

        async def offloaded():
            return await asyncio.to_thread(lambda: con.execute("SELECT 1").fetchall())

        def nightly():
            return con.execute("CHECKPOINT")
    ''', BLOCKING)


def test_a_langchain_pipe_with_a_model_in_it_is_a_runnable_but_a_prompt_piped_to_a_parser_is_not_known():
    check_marked('''
        from langchain_core.output_parsers import StrOutputParser
        from langchain_core.prompts import ChatPromptTemplate
        from langchain_openai import ChatOpenAI

        prompt = ChatPromptTemplate.from_template("{q}")
        model = ChatOpenAI(model="gpt-4o-mini")
        chain = prompt | model | StrOutputParser()
        formatting = prompt | StrOutputParser()
        FLAGS = 1 | 4

        async def answer(q):
            return chain.invoke({"q": q})  # ACK102

        async def answer_async(q):
            return await chain.ainvoke({"q": q})

        async def render(q):
            return formatting.invoke({"q": q})

        async def flags():
            return FLAGS | 8
    ''', BLOCKING)


def test_home_assistant_loop_only_callbacks_called_from_a_library_thread():
    check_marked('''
        import threading
        import paho.mqtt.client as mqtt
        from homeassistant.core import HomeAssistant, callback
        from homeassistant.helpers.dispatcher import async_dispatcher_send, dispatcher_send
        from homeassistant.helpers.entity import Entity

        class Bridge:
            def __init__(self, hass: HomeAssistant):
                self.hass = hass
                self.client = mqtt.Client()
                self.client.on_message = self._on_message
                self.client.loop_start()

            def _on_message(self, client, userdata, msg):
                async_dispatcher_send(self.hass, "msg", msg.payload)  # ACK402
                self.hass.bus.async_fire("msg", {})  # ACK402

        class BridgeSafe:
            def __init__(self, hass: HomeAssistant):
                self.hass = hass
                self.client = mqtt.Client()
                self.client.on_message = self._on_message
                self.client.loop_start()

            def _on_message(self, client, userdata, msg):
                dispatcher_send(self.hass, "msg", msg.payload)
                self.hass.bus.fire("msg", {})

        class Sensor(Entity):
            def __init__(self, hass: HomeAssistant):
                self.hass = hass

            def _poll(self):
                self.async_write_ha_state()  # ACK402

            async def async_added_to_hass(self):
                threading.Thread(target=self._poll).start()

            @callback
            def _handle(self, value):
                # a callback Home Assistant runs on its loop
                self.async_write_ha_state()

            async def async_update(self):
                async_dispatcher_send(self.hass, "updated", 1)

        async def setup(hass: HomeAssistant, job):
            def work():
                hass.async_create_task(job())  # ACK402

            def work_safe():
                hass.add_job(job)

            await hass.async_add_executor_job(work)
            await hass.async_add_executor_job(work_safe)
    ''', ["ACK401", "ACK402"])


def test_a_pyarrow_dataset_over_a_path_lists_its_files():
    check_marked('''
        import asyncio
        import pyarrow.dataset as ds

        async def rows(path):
            return ds.dataset(path, format="parquet").count_rows()  # ACK103

        async def rows_offloaded(path):
            return await asyncio.to_thread(lambda: ds.dataset(path).count_rows())

        def rows_sync(path):
            return ds.dataset(path).count_rows()
    ''', BLOCKING)


def test_a_tuple_another_module_declares_its_function_returns_types_each_unpacked_name(tmp_path):
    found = project_findings(tmp_path, {
        "shop/__init__.py": "",
        "shop/infra.py": '''
            import sqlite3
            from typing import Tuple

            import requests
            from sqlalchemy import Engine, create_engine
            from sqlalchemy.orm import Session

            def make_db() -> tuple[Session, Engine]:
                engine = create_engine("sqlite:///shop.db")
                return Session(engine), engine

            def http(token: str) -> "Tuple[requests.Session, str]":
                return requests.Session(), token

            async def connect(path: str) -> tuple[sqlite3.Connection, str]:
                return sqlite3.connect(path), path

            def many() -> tuple[requests.Session, ...]:
                return (requests.Session(),)
        ''',
        "shop/handlers.py": '''
            import asyncio
            from sqlalchemy import text
            from shop.infra import connect, http, make_db, many

            async def count():
                session, engine = make_db()
                return session.execute(text("SELECT 1")).scalar_one()

            async def engine_url():
                session, engine = make_db()
                return str(engine.url)

            async def fetch(token):
                s, tok = http(token)
                tok.upper()
                return s.get("https://x.invalid", timeout=5)

            async def opened(path):
                conn, name = await connect(path)
                return conn.execute("SELECT 1")

            async def open_unawaited(path):
                pair = connect(path)
                return await pair

            async def offloaded():
                def work():
                    session, _ = make_db()
                    return session.execute(text("SELECT 1")).scalar_one()
                return await asyncio.to_thread(work)

            async def open_ended():
                first, second = many()
                return first.get("https://x.invalid", timeout=5)
        ''',
    }, ["ACK102", "ACK105"])
    # a `tuple[T, ...]` has no fixed positions to export: the unpacked names stay unknown there
    assert found == {("shop/handlers.py", 7, "ACK105"), ("shop/handlers.py", 16, "ACK102"),
                     ("shop/handlers.py", 20, "ACK105"), ("shop/infra.py", 16, "ACK105")}
