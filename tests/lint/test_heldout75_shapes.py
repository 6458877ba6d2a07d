"""Shapes found missing on heldout75's set (S3/SQS through boto3 and botocore, MongoDB, Elasticsearch, psycopg 3,
Kafka, SSH, Google Cloud, media and archive work, typed packages): each flagged shape beside the look-alikes that
must stay quiet."""
from __future__ import annotations

from .helpers import check_marked, project_findings


def test_a_client_made_by_botocores_own_session_waits_for_the_service():
    check_marked('''
        import asyncio

        import botocore.session
        from aiobotocore.session import get_session as get_async_session
        from botocore.session import Session

        async def depth(url: str) -> dict:
            sqs = botocore.session.get_session().create_client("sqs", region_name="eu-west-1")
            return sqs.get_queue_attributes(QueueUrl=url)  # ACK102

        async def notify(session: Session, arn: str) -> None:
            session.create_client("sns").publish(TopicArn=arn, Message="up")  # ACK102

        async def notify_async(arn: str) -> None:
            async with get_async_session().create_client("sns") as sns:
                await sns.publish(TopicArn=arn, Message="up")

        async def signed(session: Session, key: str) -> str:
            return session.create_client("s3").generate_presigned_url("get_object", Params={"Key": key})

        async def offloaded(session: Session, arn: str) -> None:
            sns = session.create_client("sns")
            await asyncio.to_thread(sns.publish, TopicArn=arn, Message="up")
    ''', ["ACK102"])


def test_firestore_sync_reads_and_writes_wait_and_its_references_do_not():
    check_marked('''
        import asyncio

        from firebase_admin import firestore as admin_firestore
        from google.cloud import firestore
        from google.cloud.firestore_v1.document import DocumentReference

        async def profile(uid: str) -> dict:
            db = firestore.Client()
            return db.collection("users").document(uid).get().to_dict()  # ACK105

        async def adults(db: firestore.Client) -> list:
            query = db.collection("users").where("age", ">=", 18).order_by("name").limit(20)
            return [snap.id for snap in query.stream()]  # ACK105

        async def rename(ref: DocumentReference, name: str) -> None:
            ref.update({"name": name})  # ACK105

        async def import_rows(rows: list) -> None:
            db = admin_firestore.client()
            batch = db.batch()
            for row in rows:
                batch.set(db.collection("rows").document(row["id"]), row)
            batch.commit()  # ACK105

        async def reference_only(db: firestore.Client, uid: str) -> str:
            ref = db.collection("users").document(uid).collection("sessions").document("current")
            return ref.path

        async def offloaded(db: firestore.Client, uid: str, data: dict) -> None:
            await asyncio.to_thread(db.collection("users").document(uid).set, data)

        def sync_job(db: firestore.Client, uid: str) -> dict:
            return db.collection("users").document(uid).get().to_dict()
    ''', ["ACK105"])


def test_firestore_async_writes_are_coroutines_and_its_streams_async_iterators():
    check_marked('''
        from google.cloud import firestore
        from google.cloud.firestore_v1.async_client import AsyncClient

        async def touch(uid: str) -> None:
            db = AsyncClient()
            db.collection("users").document(uid).update({"seen": True})  # ACK301

        async def touch_awaited(db: firestore.AsyncClient, uid: str) -> None:
            await db.collection("users").document(uid).update({"seen": True})

        async def names(db: firestore.AsyncClient) -> list:
            out = []
            async for snap in db.collection("users").where("active", "==", True).stream():
                out.append(snap.get("name"))
            return out

        async def commit_forgotten(db: firestore.AsyncClient) -> None:
            batch = db.batch()
            batch.delete(db.collection("users").document("gone"))
            batch.commit()  # ACK301
    ''', ["ACK301", "ACK105"])


def test_a_generic_holder_of_another_module_hands_back_its_type_argument(tmp_path):
    found = project_findings(tmp_path, {
        "svc/__init__.py": "",
        "svc/holders.py": '''
            import sqlite3
            from typing import Generic, TypeVar

            import requests

            T = TypeVar("T")

            class Slot(Generic[T]):
                def __init__(self, value: T) -> None:
                    self.value = value

                def get(self) -> T:
                    return self.value

                async def wait(self) -> T:
                    return self.value

                @property
                def current(self) -> T:
                    return self.value

            class Deps:
                def __init__(self) -> None:
                    self.http = requests.Session()
                    self.db = sqlite3.connect("app.db")
        ''',
        "svc/handlers.py": '''
            import requests

            from .holders import Deps, Slot

            async def post(slot: Slot[requests.Session], body: dict) -> int:
                return slot.get().post("https://erp/x", json=body).status_code

            async def through(slot: Slot[Deps]) -> list:
                return slot.current.db.execute("SELECT 1").fetchall()

            async def held(slot: "Slot[Deps] | None") -> int:
                assert slot is not None
                return slot.value.http.get("https://erp/y").status_code

            async def awaited(slot: Slot[requests.Session]) -> int:
                session = await slot.wait()
                return session.get("https://erp/z").status_code

            async def a_dict(slot: Slot[dict], key: str) -> object:
                return slot.get().get(key)

            async def unparametrised(slot: Slot) -> object:
                return slot.get().get("key")

            def sync_side(slot: Slot[requests.Session]) -> int:
                return slot.get().get("https://erp/x").status_code
        ''',
    }, ["ACK102", "ACK105"])
    assert found == {
        ("svc/handlers.py", 6, "ACK102"),
        ("svc/handlers.py", 9, "ACK105"),
        ("svc/handlers.py", 13, "ACK102"),
        ("svc/handlers.py", 17, "ACK102"),
    }


def test_sqlmodel_sessions_are_sqlalchemy_sessions_and_exec_waits():
    check_marked('''
        import asyncio

        from sqlmodel import Session, SQLModel, create_engine, select
        from sqlmodel.ext.asyncio.session import AsyncSession

        engine = create_engine("postgresql://app@db/app")

        class Hero(SQLModel, table=True):
            name: str

        async def heroes() -> list:
            with Session(engine) as session:
                return list(session.exec(select(Hero)))  # ACK105

        async def add(hero: Hero) -> None:
            with Session(engine) as session:
                session.add(hero)
                session.commit()  # ACK105

        async def heroes_async(session: AsyncSession) -> list:
            return list(await session.exec(select(Hero)))

        def heroes_sync() -> list:
            with Session(engine) as session:
                return list(session.exec(select(Hero)))

        async def heroes_offloaded() -> list:
            return await asyncio.to_thread(heroes_sync)
    ''', ["ACK105"])


def test_peewee_and_pynamodb_models_wait_when_a_query_runs_not_when_it_is_built():
    check_marked('''
        import asyncio

        import peewee
        from pynamodb.attributes import UnicodeAttribute
        from pynamodb.models import Model as DynamoModel

        db = peewee.PostgresqlDatabase("app")

        class Note(peewee.Model):
            text = peewee.TextField()

            class Meta:
                database = db

        class Event(DynamoModel):
            class Meta:
                table_name = "events"

            pk = UnicodeAttribute(hash_key=True)

        async def latest() -> str:
            return Note.select().order_by(Note.id.desc()).get().text  # ACK105

        async def all_texts() -> list:
            return [n.text for n in Note.select().where(Note.text != "")]  # ACK105

        async def add(text: str) -> None:
            Note.create(text=text)  # ACK105

        async def purge() -> int:
            return Note.delete().where(Note.text == "").execute()  # ACK105

        async def event(pk: str) -> dict:
            return Event.get(pk).attribute_values  # ACK102

        async def built_only() -> str:
            query = Note.select().where(Note.text.contains("x")).limit(5)
            return str(query)

        async def offloaded() -> list:
            query = Note.select().limit(5)
            return await asyncio.to_thread(list, query)

        def sync_report() -> int:
            return Note.select().count()

        class Clock:
            def get(self) -> float:
                return 0.0

        async def not_a_model(clock: Clock) -> float:
            return clock.get()
    ''', ["ACK102", "ACK105"])


def test_job_queues_and_warehouse_drivers_wait_for_their_servers():
    check_marked('''
        import asyncio

        import clickhouse_driver
        import dramatiq
        import httplib2
        import snowflake.connector
        from redis import Redis
        from rq import Queue

        @dramatiq.actor(queue_name="reports")
        def build_report(user_id: int) -> None:
            print(user_id)

        def build_later(user_id: int) -> None:
            print(user_id)

        async def enqueue_rq(user_id: int) -> str:
            queue = Queue("reports", connection=Redis())
            return queue.enqueue(build_later, user_id).id  # ACK105

        async def enqueue_dramatiq(user_id: int) -> None:
            build_report.send(user_id)  # ACK105

        async def rows(sql: str) -> list:
            return clickhouse_driver.Client("ch").execute(sql)  # ACK105

        async def warehouse(sql: str) -> list:
            conn = snowflake.connector.connect(user="u", account="a")  # ACK105
            return conn.cursor().execute(sql).fetchall()  # ACK105

        async def legacy(url: str) -> bytes:
            _, body = httplib2.Http().request(url)  # ACK102
            return body

        async def enqueue_offloaded(user_id: int) -> None:
            await asyncio.to_thread(build_report.send, user_id)

        def enqueue_sync(user_id: int) -> None:
            build_report.send(user_id)
            Queue("reports", connection=Redis()).enqueue(build_later, user_id)

        async def direct_call(user_id: int) -> None:
            build_later(user_id)
    ''', ["ACK102", "ACK105"])


def test_a_star_import_of_a_library_brings_the_names_the_tables_know():
    check_marked('''
        import asyncio
        from peewee import *
        from time import *

        db = SqliteDatabase("bot.db")

        class User(Model):
            name = CharField()

            class Meta:
                database = db

        async def on_message(user_id: int) -> str:
            user = User.get_or_none(User.id == user_id)  # ACK105
            sleep(0.5)  # ACK101
            return user.name if user else ""

        async def count() -> int:
            return User.select().count()  # ACK105

        async def offloaded(user_id: int) -> object:
            return await asyncio.to_thread(User.get_or_none, User.id == user_id)

        def sync_side(user_id: int) -> object:
            return User.get_or_none(User.id == user_id)
    ''', ["ACK101", "ACK105"])


def test_a_name_the_module_binds_itself_wins_over_a_starred_librarys():
    check_marked('''
        from time import *

        def sleep(seconds: float) -> None:
            print("pretend to wait", seconds)

        class Model:
            @classmethod
            def get(cls, key: str) -> str:
                return key

        async def tick() -> str:
            sleep(1)
            return Model.get("k")
    ''', ["ACK101", "ACK105"])


def test_a_star_import_of_a_project_module_still_reads_that_module(tmp_path):
    found = project_findings(tmp_path, {
        "bot/__init__.py": "",
        "bot/db.py": '''
            import sqlite3

            def connect() -> sqlite3.Connection:
                return sqlite3.connect("bot.db")
        ''',
        "bot/handlers.py": '''
            from time import *
            from .db import *

            async def on_start() -> list:
                return connect().execute("SELECT 1").fetchall()
        ''',
    }, ["ACK101", "ACK105"])
    assert found == {("bot/handlers.py", 5, "ACK105")}
