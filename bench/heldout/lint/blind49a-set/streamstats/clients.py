"""Kafka clients of the stream analytics service, made in one place so the tests can swap them."""
from __future__ import annotations

import os
from typing import Optional

import confluent_kafka
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from kafka import KafkaConsumer, KafkaProducer

BROKERS = os.environ.get("KAFKA_BROKERS", "localhost:9092")


def make_async_consumer(*topics: str, group: str) -> AIOKafkaConsumer:  # expect: clean
    return AIOKafkaConsumer(*topics, bootstrap_servers=BROKERS, group_id=group, enable_auto_commit=False)


def make_async_producer() -> AIOKafkaProducer:  # expect: clean
    return AIOKafkaProducer(bootstrap_servers=BROKERS, linger_ms=20)


def make_legacy_consumer(topic: str, group: str) -> KafkaConsumer:  # expect: clean
    return KafkaConsumer(topic, bootstrap_servers=BROKERS, group_id=group, consumer_timeout_ms=1000)


def make_confluent_consumer(group: str) -> "confluent_kafka.Consumer":  # expect: clean
    return confluent_kafka.Consumer(
        {"bootstrap.servers": BROKERS, "group.id": group, "auto.offset.reset": "earliest"}
    )


def make_audit_producer(enabled: bool) -> Optional[KafkaProducer]:  # expect: clean
    if not enabled:
        return None
    return KafkaProducer(bootstrap_servers=BROKERS, acks="all")
