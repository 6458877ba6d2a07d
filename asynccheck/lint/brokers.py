"""What the linter knows about the asyncio clients of caches and message brokers that older code uses beside or
instead of the sync ones: aioredis (1.x and 2.x, the package `redis.asyncio` grew from), aiokafka, aio-pika and
nats-py (NATS core and JetStream); and arq's job-queue client (a `redis.asyncio` client that also enqueues jobs and
reads their results).

Their round trips are coroutine functions: a command or a send without `await` never runs (ACK301). knowledge.py
merges these tables into its own; the names follow its conventions (canonical qualified names, `<type>.<method>`).
"""
from __future__ import annotations

from typing import Dict, FrozenSet

AIOREDIS = "aioredis.Redis"
AIOKAFKA_PRODUCER = "aiokafka.AIOKafkaProducer"
AIOKAFKA_CONSUMER = "aiokafka.AIOKafkaConsumer"
# aio-pika's objects, each standing for its robust (reconnecting) twin and the abstract type code annotates with
PIKA = {kind: f"aio_pika.{kind}" for kind in ("Connection", "Channel", "Exchange", "Queue")}
# arq: the pool `create_pool()` gives (what a worker's `ctx["redis"]` holds) and the job handle it enqueues
ARQ_REDIS = "arq.connections.ArqRedis"
ARQ_JOB = "arq.jobs.Job"
# nats-py: the client `nats.connect()` gives, its JetStream context, and what subscribing and requesting give
NATS = "nats.aio.client.Client"
NATS_JS = "nats.js.JetStreamContext"
NATS_MSG = "nats.aio.msg.Msg"
NATS_SUBSCRIPTION = "nats.aio.subscription.Subscription"

CANONICAL: Dict[str, str] = {
    # 2.x: `redis.asyncio`'s API under the old name; 1.x: the client `create_redis_pool()` returns
    **{name: AIOREDIS for name in (
        "aioredis.StrictRedis", "aioredis.client.Redis", "aioredis.client.StrictRedis", "aioredis.commands.Redis")},
    "aioredis.client.Pipeline": "aioredis.Pipeline",
    "aioredis.utils.from_url": "aioredis.from_url",
    "aiokafka.producer.AIOKafkaProducer": AIOKAFKA_PRODUCER,
    "aiokafka.producer.producer.AIOKafkaProducer": AIOKAFKA_PRODUCER,
    "aiokafka.consumer.AIOKafkaConsumer": AIOKAFKA_CONSUMER,
    "aiokafka.consumer.consumer.AIOKafkaConsumer": AIOKAFKA_CONSUMER,
    **{f"aio_pika.{prefix}{kind}": name for kind, name in PIKA.items()
       for prefix in ("Robust", "abc.Abstract", "abc.AbstractRobust")},
    **{f"aio_pika.{module}.{prefix}{kind}": name for kind, name in PIKA.items()
       for module, prefix in ((kind.lower(), ""), (f"robust_{kind.lower()}", "Robust"))},
    "arq.ArqRedis": ARQ_REDIS,
    "arq.create_pool": "arq.connections.create_pool",
    "arq.jobs.Job": ARQ_JOB,
    "arq.Job": ARQ_JOB,
    "nats.NATS": NATS, "nats.aio.client.NATS": NATS,
    "nats.js.client.JetStreamContext": NATS_JS,
    "nats.aio.client.Msg": NATS_MSG, "nats.aio.msg.msg.Msg": NATS_MSG,
    "nats.aio.client.Subscription": NATS_SUBSCRIPTION,
}

# What the clients' constructors and factories return.
RETURNS: Dict[str, str] = {
    AIOREDIS: AIOREDIS,
    "aioredis.from_url": AIOREDIS,
    f"{AIOREDIS}.from_url": AIOREDIS,
    # a pipeline buffers its commands; only `execute()` is a round trip (the same as redis.asyncio's)
    f"{AIOREDIS}.pipeline": "redis.asyncio.Pipeline",
    "aioredis.Pipeline": "redis.asyncio.Pipeline",
    AIOKAFKA_PRODUCER: AIOKAFKA_PRODUCER,
    AIOKAFKA_CONSUMER: AIOKAFKA_CONSUMER,
    # `connection.channel()` makes the channel (awaiting it, or `async with`, opens it)
    f"{PIKA['Connection']}.channel": PIKA["Channel"],
    f"{NATS}.jetstream": NATS_JS,
}

# Attributes (not calls) whose value is one of these objects: a channel's default exchange, there from the start.
PROPERTIES: Dict[str, str] = {f"{PIKA['Channel']}.default_exchange": PIKA["Exchange"]}

# 1.x made its clients with coroutine functions.
_AIOREDIS_FACTORIES = ("aioredis.create_redis_pool", "aioredis.create_redis")
ASYNC_RETURNS: Dict[str, str] = {
    **{name: AIOREDIS for name in _AIOREDIS_FACTORIES},
    **{f"aio_pika.{connect}": PIKA["Connection"] for connect in ("connect", "connect_robust")},
    f"{PIKA['Connection']}.channel": PIKA["Channel"],
    **{f"{PIKA['Channel']}.{m}": PIKA["Exchange"] for m in ("declare_exchange", "get_exchange")},
    **{f"{PIKA['Channel']}.{m}": PIKA["Queue"] for m in ("declare_queue", "get_queue")},
    "arq.connections.create_pool": ARQ_REDIS,
    f"{ARQ_REDIS}.enqueue_job": ARQ_JOB,
    "nats.connect": NATS,
    f"{NATS}.request": NATS_MSG,
    f"{NATS}.subscribe": NATS_SUBSCRIPTION,
    f"{NATS_SUBSCRIPTION}.next_msg": NATS_MSG,
}

COROUTINE_FUNCTIONS: FrozenSet[str] = frozenset(
    (*_AIOREDIS_FACTORIES, "aioredis.create_pool", "aioredis.create_connection", f"{AIOREDIS}.wait_closed")
) | frozenset(
    f"{kind}.{m}" for kind, methods in (
        (AIOKAFKA_PRODUCER, "start stop flush partitions_for send send_and_wait send_batch begin_transaction "
                            "commit_transaction abort_transaction send_offsets_to_transaction"),
        (AIOKAFKA_CONSUMER, "start stop commit committed topics position seek_to_beginning seek_to_end "
                            "seek_to_committed offsets_for_times beginning_offsets end_offsets getone getmany"),
        # a message's ack/nack/reject were plain methods before aio-pika 7: left out
        (PIKA["Connection"], "close connect ready"),
        (PIKA["Channel"], "declare_exchange get_exchange declare_queue get_queue set_qos queue_delete exchange_delete "
                          "close reopen initialize get_underlay_channel"),
        (PIKA["Exchange"], "declare bind unbind publish delete"),
        (PIKA["Queue"], "declare bind unbind consume cancel get purge delete"),
        # nats-py: `jetstream()`, `jsm()`, `new_inbox()` and the state properties are plain
        (NATS, "connect close drain publish subscribe request flush rtt"),
        (NATS_JS, "publish subscribe pull_subscribe pull_subscribe_bind key_value create_key_value "
                  "delete_key_value object_store create_object_store delete_object_store add_stream update_stream "
                  "delete_stream stream_info find_stream_name_by_subject add_consumer delete_consumer consumer_info "
                  "get_msg get_last_msg delete_msg purge_stream account_info"),
        (NATS_MSG, "respond ack ack_sync nak in_progress term"),
        (NATS_SUBSCRIPTION, "unsubscribe drain next_msg"),
    ) for m in methods.split()
) | frozenset({"aio_pika.connect", "aio_pika.connect_robust", "arq.connections.create_pool", "nats.connect"}) | frozenset(
    f"{ARQ_JOB}.{m}" for m in "result status info result_info abort".split()
)

# Methods of arq's pool that are no round trips, beyond those of `redis.asyncio.Redis` (every other public method
# is a coroutine function: its own `enqueue_job()`, `all_job_results()`, `queued_jobs()` and redis's commands).
ARQ_LOCAL: FrozenSet[str] = frozenset()

# Methods of an aioredis client that are not round trips, beyond those of `redis.asyncio.Redis`: 1.x's `close()`
# starts closing and returns (`wait_closed()` is the coroutine), `multi_exec()` makes a transaction object.
AIOREDIS_LOCAL: FrozenSet[str] = frozenset({"close", "multi_exec", "closed", "connection", "db", "address",
                                            "encoding", "in_transaction"})
