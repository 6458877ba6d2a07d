"""An integrations hub: one coroutine per third-party service the product talks to, as handlers write them."""
from __future__ import annotations

import asyncio
import configparser
from typing import Any

import hvac
import jwt
import ldap3
import paramiko
import praw
import psutil
import pyodbc
import spacy
import toml
import zeep
from cassandra.cluster import Cluster
from fabric import Connection
from geopy.geocoders import Nominatim
from google import genai
from langchain_core.runnables import Runnable
from llama_index.core.query_engine import BaseQueryEngine
from neo4j import GraphDatabase
from requests_oauthlib import OAuth2Session


async def geocode(address: str) -> tuple[float, float]:  # expect: blocking-call
    location = Nominatim(user_agent="hub").geocode(address)
    return location.latitude, location.longitude


async def cpu_load() -> float:  # expect: blocking-call
    return psutil.cpu_percent(interval=1.0)


async def cpu_load_instant() -> float:  # expect: clean  # near: blocking-call
    return psutil.cpu_percent(interval=None)


async def read_settings(path: str) -> dict[str, Any]:  # expect: blocking-call
    return toml.load(path)


async def parse_settings(text: str) -> dict[str, Any]:  # expect: clean  # near: blocking-call
    return toml.loads(text)


async def read_ini(path: str) -> configparser.ConfigParser:  # expect: blocking-call
    parser = configparser.ConfigParser()
    parser.read(path)
    return parser


async def read_ini_text(text: str) -> configparser.ConfigParser:  # expect: clean  # near: blocking-call
    parser = configparser.ConfigParser()
    parser.read_string(text)
    return parser


async def vault_secret(client: hvac.Client, path: str) -> dict[str, Any]:  # expect: blocking-call
    return client.secrets.kv.v2.read_secret_version(path=path)["data"]["data"]


async def ldap_groups(server_url: str, user_dn: str, password: str) -> list[str]:  # expect: blocking-call
    conn = ldap3.Connection(ldap3.Server(server_url), user=user_dn, password=password, auto_bind=True)
    conn.search("dc=example,dc=com", f"(member={user_dn})", attributes=["cn"])
    return [entry.cn.value for entry in conn.entries]


async def run_remote(host: str, command: str) -> str:  # expect: blocking-call
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    client.connect(host, username="deploy")
    _, stdout, _ = client.exec_command(command)
    return stdout.read().decode()


async def deploy(host: str) -> None:  # expect: blocking-call
    Connection(host).run("systemctl restart app")


async def odbc_rows(dsn: str, sql: str) -> list[Any]:  # expect: blocking-call
    with pyodbc.connect(dsn) as conn:
        return conn.cursor().execute(sql).fetchall()


async def cassandra_rows(hosts: list[str], cql: str) -> list[Any]:  # expect: blocking-call
    session = Cluster(hosts).connect("metrics")
    return list(session.execute(cql))


async def graph_neighbours(uri: str, node: str) -> list[str]:  # expect: blocking-call
    with GraphDatabase.driver(uri) as driver:
        records, _, _ = driver.execute_query("MATCH (n {id: $id})--(m) RETURN m.id AS id", id=node)
    return [r["id"] for r in records]


async def soap_quote(wsdl: str, symbol: str) -> float:  # expect: blocking-call
    client = zeep.Client(wsdl)
    return client.service.GetQuote(symbol)


async def signing_key(token: str, jwks_url: str) -> Any:  # expect: blocking-call
    return jwt.PyJWKClient(jwks_url).get_signing_key_from_jwt(token)


async def decode_token(token: str, key: str) -> dict[str, Any]:  # expect: clean  # near: blocking-call
    return jwt.decode(token, key, algorithms=["HS256"])


async def oauth_token(client_id: str, token_url: str, code: str, secret: str) -> dict[str, Any]:  # expect: blocking-call
    session = OAuth2Session(client_id)
    return session.fetch_token(token_url, code=code, client_secret=secret)


async def hot_posts(reddit: praw.Reddit, name: str) -> list[str]:  # expect: blocking-call
    return [post.title for post in reddit.subreddit(name).hot(limit=10)]


async def summarize(client: genai.Client, text: str) -> str:  # expect: blocking-call
    response = client.models.generate_content(model="gemini-2.0-flash", contents=f"Summarize: {text}")
    return response.text


async def summarize_async(client: genai.Client, text: str) -> str:  # expect: clean  # near: blocking-call
    response = await client.aio.models.generate_content(model="gemini-2.0-flash", contents=f"Summarize: {text}")
    return response.text


async def answer(chain: Runnable, question: str) -> Any:  # expect: blocking-call
    return chain.invoke({"question": question})


async def answer_async(chain: Runnable, question: str) -> Any:  # expect: clean  # near: blocking-call
    return await chain.ainvoke({"question": question})


async def ask_docs(engine: BaseQueryEngine, question: str) -> str:  # expect: blocking-call
    return str(engine.query(question))


async def ask_docs_async(engine: BaseQueryEngine, question: str) -> str:  # expect: clean  # near: blocking-call
    return str(await engine.aquery(question))


async def entities(text: str) -> list[str]:  # expect: blocking-call
    nlp = spacy.load("en_core_web_sm")
    return [ent.text for ent in nlp(text).ents]


async def entities_offloaded(text: str) -> list[str]:  # expect: clean  # near: blocking-call
    nlp = await asyncio.to_thread(spacy.load, "en_core_web_sm")
    doc = await asyncio.to_thread(nlp, text)
    return [ent.text for ent in doc.ents]
