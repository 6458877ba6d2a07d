"""A data platform's connectors: each coroutine pulls from or pushes to one outside system."""
from __future__ import annotations

import asyncio
import ftplib
import http.client
import imaplib
import poplib
import smtplib
from typing import Any

import consul
import minio
import nmap
import ntplib
import pandas as pd
import pymemcache.client.base
import sentry_sdk
import socketio
import telebot
import whois
import yfinance as yf
from azure.cosmos import CosmosClient
from azure.identity import DefaultAzureCredential
from azure.keyvault.secrets import SecretClient
from azure.servicebus import ServiceBusClient, ServiceBusMessage
from google.cloud import secretmanager
from influxdb_client import InfluxDBClient
from kazoo.client import KazooClient
from requests_cache import CachedSession


async def cosmos_orders(client: CosmosClient, customer: str) -> list[dict[str, Any]]:  # expect: blocking-call
    container = client.get_database_client("shop").get_container_client("orders")
    return list(container.query_items("SELECT * FROM o WHERE o.customer = @c",
                                      parameters=[{"name": "@c", "value": customer}], enable_cross_partition_query=True))


async def publish_event(bus: ServiceBusClient, body: str) -> None:  # expect: blocking-call
    with bus.get_queue_sender("events") as sender:
        sender.send_messages(ServiceBusMessage(body))


async def secret(vault_url: str, name: str) -> str:  # expect: blocking-call
    client = SecretClient(vault_url, DefaultAzureCredential())
    return client.get_secret(name).value


async def gcp_secret(name: str) -> bytes:  # expect: blocking-call
    client = secretmanager.SecretManagerServiceClient()
    return client.access_secret_version(name=name).payload.data


async def cached(mc: pymemcache.client.base.Client, key: str) -> bytes | None:  # expect: blocking-call
    return mc.get(key)


async def cpu_series(client: InfluxDBClient, bucket: str) -> list[Any]:  # expect: blocking-call
    return client.query_api().query(f'from(bucket: "{bucket}") |> range(start: -1h)')


async def leader(zk: KazooClient) -> bytes:  # expect: blocking-call
    data, _ = zk.get("/service/leader")
    return data


async def service_address(c: consul.Consul, name: str) -> str:  # expect: blocking-call
    _, nodes = c.health.service(name, passing=True)
    return nodes[0]["Service"]["Address"]


async def upload(store: minio.Minio, bucket: str, path: str) -> None:  # expect: blocking-call
    store.fput_object(bucket, path.rsplit("/", 1)[-1], path)


async def presigned(store: minio.Minio, bucket: str, name: str) -> str:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(store.presigned_get_object, bucket, name)


async def notify_chat(bot: telebot.TeleBot, chat_id: int, text: str) -> None:  # expect: blocking-call
    bot.send_message(chat_id, text)


async def emit_update(sio: socketio.Client, payload: dict[str, Any]) -> None:  # expect: clean  # near: blocking-call
    sio.emit("update", payload)


async def emit_update_async(sio: socketio.AsyncClient, payload: dict[str, Any]) -> None:  # expect: clean  # near: blocking-call
    await sio.emit("update", payload)


async def prices(symbol: str) -> Any:  # expect: blocking-call
    return yf.Ticker(symbol).history(period="5d")


async def domain_owner(domain: str) -> str | None:  # expect: blocking-call
    return whois.whois(domain).registrar


async def open_ports(host: str) -> dict[str, Any]:  # expect: blocking-call
    return nmap.PortScanner().scan(host, "22-443")


async def clock_offset(server: str = "pool.ntp.org") -> float:  # expect: blocking-call
    return ntplib.NTPClient().request(server, version=3).offset


async def flush_errors() -> None:  # expect: blocking-call
    sentry_sdk.flush(timeout=5.0)


async def report_error(exc: Exception) -> None:  # expect: clean  # near: blocking-call
    sentry_sdk.capture_exception(exc)


async def cached_get(session: CachedSession, url: str) -> bytes:  # expect: blocking-call
    return session.get(url).content


async def table_from_page(url: str) -> list[Any]:  # expect: blocking-call
    return pd.read_html(url)


async def send_mail_tls(host: str, msg: str) -> None:  # expect: blocking-call
    with smtplib.SMTP_SSL(host) as smtp:
        smtp.sendmail("a@example.com", ["b@example.com"], msg)


async def inbox_count(host: str, user: str, password: str) -> int:  # expect: blocking-call
    with imaplib.IMAP4_SSL(host) as imap:
        imap.login(user, password)
        _, data = imap.select("INBOX")
    return int(data[0])


async def pop_count(host: str) -> int:  # expect: blocking-call
    box = poplib.POP3_SSL(host)
    return box.stat()[0]


async def list_ftp(host: str) -> list[str]:  # expect: blocking-call
    with ftplib.FTP_TLS(host) as ftp:
        ftp.login()
        return ftp.nlst()


async def head_status(host: str, path: str) -> int:  # expect: blocking-call
    conn = http.client.HTTPSConnection(host, timeout=5)
    conn.request("HEAD", path)
    return conn.getresponse().status
