"""Stores of the graph-ops service: Neo4j for the graph, ClickHouse for events, Vault for secrets."""
from __future__ import annotations

import os
from typing import Optional

import clickhouse_connect
import hvac
from neo4j import AsyncDriver, AsyncGraphDatabase, Driver, GraphDatabase

NEO4J_URI = os.environ.get("NEO4J_URI", "neo4j://graph:7687")
AUTH = ("neo4j", os.environ.get("NEO4J_PASSWORD", ""))


def graph_driver() -> Driver:  # expect: clean
    return GraphDatabase.driver(NEO4J_URI, auth=AUTH)


def async_graph_driver() -> AsyncDriver:  # expect: clean
    return AsyncGraphDatabase.driver(NEO4J_URI, auth=AUTH)


def events_client():  # expect: clean
    return clickhouse_connect.get_client(host="clickhouse", username="ops")


def vault() -> hvac.Client:  # expect: clean
    return hvac.Client(url=os.environ["VAULT_ADDR"], token=os.environ["VAULT_TOKEN"])


def read_secret(path: str) -> dict:  # expect: clean
    return vault().secrets.kv.v2.read_secret_version(path=path)["data"]["data"]


class GraphRepo:  # expect: clean
    def __init__(self, driver: Optional[AsyncDriver] = None) -> None:
        self.driver = driver or async_graph_driver()

    async def neighbours(self, node_id: str) -> list[str]:
        records, _summary, _keys = await self.driver.execute_query(
            "MATCH (n {id: $id})--(m) RETURN m.id AS id", id=node_id
        )
        return [r["id"] for r in records]

    async def close(self) -> None:
        await self.driver.close()
