"""A metrics API in front of the data warehouse: each endpoint runs one query somewhere."""
from __future__ import annotations

import asyncio
from typing import Any

import connectorx as cx
import polars as pl
import pulsar
import redshift_connector
import trino
import vertica_python
from airflow.providers.http.hooks.http import HttpHook
from airflow.providers.postgres.hooks.postgres import PostgresHook
from databricks import sql as databricks_sql
from pyathena import connect as athena_connect
from pyspark.sql import SparkSession


async def databricks_rows(host: str, path: str, token: str, query: str) -> list[Any]:  # expect: blocking-call
    with databricks_sql.connect(server_hostname=host, http_path=path, access_token=token) as conn:
        with conn.cursor() as cur:
            cur.execute(query)
            return cur.fetchall()


async def athena_rows(staging: str, query: str) -> list[Any]:  # expect: blocking-call
    cur = athena_connect(s3_staging_dir=staging, region_name="eu-west-1").cursor()
    cur.execute(query)
    return cur.fetchall()


async def trino_rows(host: str, query: str) -> list[Any]:  # expect: blocking-call
    conn = trino.dbapi.connect(host=host, port=443, user="api")
    cur = conn.cursor()
    cur.execute(query)
    return cur.fetchall()


async def redshift_rows(host: str, password: str, query: str) -> list[Any]:  # expect: blocking-call
    conn = redshift_connector.connect(host=host, database="dev", user="api", password=password)
    cursor = conn.cursor()
    cursor.execute(query)
    return cursor.fetchall()


async def vertica_rows(info: dict[str, Any], query: str) -> list[Any]:  # expect: blocking-call
    with vertica_python.connect(**info) as conn:
        cur = conn.cursor()
        cur.execute(query)
        return cur.fetchall()


async def frame(uri: str, query: str) -> Any:  # expect: blocking-call
    return cx.read_sql(uri, query)


async def polars_frame(uri: str, query: str) -> pl.DataFrame:  # expect: blocking-call
    return pl.read_database_uri(query, uri)


async def spark_count(spark: SparkSession, table: str) -> int:  # expect: blocking-call
    return spark.sql(f"SELECT COUNT(*) FROM {table}").collect()[0][0]


async def airflow_records(sql: str) -> list[Any]:  # expect: blocking-call
    return PostgresHook(postgres_conn_id="warehouse").get_records(sql)


async def airflow_http(endpoint: str) -> Any:  # expect: blocking-call
    return HttpHook(method="GET", http_conn_id="upstream").run(endpoint).json()


async def publish(client: pulsar.Client, topic: str, data: bytes) -> None:  # expect: blocking-call
    producer = client.create_producer(topic)
    producer.send(data)


async def publish_async_style(client: pulsar.Client, topic: str, data: bytes) -> None:  # expect: ?blocking-call
    producer = client.create_producer(topic)
    producer.send_async(data, callback=lambda res, msg_id: None)


async def frame_offloaded(uri: str, query: str) -> Any:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(cx.read_sql, uri, query)
