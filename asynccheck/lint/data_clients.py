"""What the linter knows about the sync data clients a web backend reaches for beside SQLAlchemy and Django:
SQLModel's session, peewee's, PynamoDB's and MongoEngine's models, the job queues RQ and Dramatiq, ClickHouse's
drivers (clickhouse-driver's native client and clickhouse-connect's HTTP one) and Snowflake's, httplib2, ConnectorX
and polars' database readers, Spark's actions, Airflow's hooks and Apache Pulsar's client.

Each call listed here waits on the calling thread: for a database (a query, a commit), for Redis or RabbitMQ (an
RQ or Dramatiq enqueue), for DynamoDB or an HTTP server. Building a query does not (`Note.select().where(...)`,
`Event.Meta`); running it, iterating it or saving a model does. Their async twins stay out: SQLModel's
`AsyncSession`, `aiochclient`, Tortoise's models. knowledge.py merges these tables into its own; the names follow
its conventions (canonical qualified names, `<type>.<method>`).
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

_SA_SESSION, _SA_ENGINE = "sqlalchemy.orm.Session", "sqlalchemy.engine.Engine"
PEEWEE_MODEL = "peewee.Model"
PEEWEE_QUERY = "peewee.ModelSelect"
PEEWEE_WRITE = "peewee.ModelWrite"  # what `insert()`, `update()`, `delete()` build: `execute()` runs it
PYNAMO_MODEL = "pynamodb.models.Model"
RQ_QUEUE, RQ_JOB = "rq.Queue", "rq.job.Job"
DRAMATIQ_ACTOR = "dramatiq.Actor"
CLICKHOUSE = "clickhouse_driver.Client"
# clickhouse-connect's client: made by `get_client()`, which asks the server for its version and settings
CLICKHOUSE_HTTP = "clickhouse_connect.driver.client.Client"
_CLICKHOUSE_HTTP_MAKERS = ("clickhouse_connect.get_client", "clickhouse_connect.create_client",
                           "clickhouse_connect.driver.create_client")
MONGOENGINE_DOCUMENT, MONGOENGINE_QUERYSET = "mongoengine.Document", "mongoengine.queryset.QuerySet"
SNOWFLAKE, SNOWFLAKE_CURSOR = "snowflake.connector.SnowflakeConnection", "snowflake.connector.cursor.SnowflakeCursor"

# a query narrows without touching the database; running it, or iterating it, reads
_PEEWEE_BUILDERS = ("where orwhere order_by limit offset paginate join switch group_by having distinct objects "
                    "dicts tuples namedtuples join_from left_outer_join").split()

# A Spark DataFrame is a plan: its transformations give another plan, its actions run the job on the cluster and
# wait for it (what `spark.sql(...)`, `spark.table(...)` and `spark.read....` give).
SPARK_SESSION, SPARK_FRAME = "pyspark.sql.SparkSession", "pyspark.sql.DataFrame"
# (`df.groupBy(...)` gives grouped data, whose aggregations, `count()` among them, give a plan again)
SPARK_GROUPED = "pyspark.sql.GroupedData"
_SPARK_ACTIONS = frozenset({"collect", "count", "show", "toPandas", "first", "take", "head", "tail", "foreach",
                            "foreachPartition", "toLocalIterator", "toArrow", "isEmpty", "describe", "summary"})
# Airflow's hooks run their query or request on the calling thread (a DB-API hook's `get_records`, an HTTP hook's
# `run`); `get_connection` reads the metadata database
AIRFLOW_SQL_HOOK = "airflow.providers.common.sql.hooks.sql.DbApiHook"
_AIRFLOW_SQL_HOOKS = ("postgres.hooks.postgres.PostgresHook", "mysql.hooks.mysql.MySqlHook",
                      "snowflake.hooks.snowflake.SnowflakeHook", "microsoft.mssql.hooks.mssql.MsSqlHook",
                      "sqlite.hooks.sqlite.SqliteHook", "oracle.hooks.oracle.OracleHook",
                      "trino.hooks.trino.TrinoHook", "databricks.hooks.databricks_sql.DatabricksSqlHook")
AIRFLOW_HTTP_HOOK = "airflow.providers.http.hooks.http.HttpHook"
PULSAR_CLIENT, PULSAR_PRODUCER, PULSAR_CONSUMER = "pulsar.Client", "pulsar.Producer", "pulsar.Consumer"

CANONICAL: Dict[str, str] = {
    "pyspark.sql.session.SparkSession": SPARK_SESSION, "pyspark.sql.dataframe.DataFrame": SPARK_FRAME,
    **{f"airflow.providers.{hook}": AIRFLOW_SQL_HOOK for hook in _AIRFLOW_SQL_HOOKS},
    "airflow.hooks.dbapi.DbApiHook": AIRFLOW_SQL_HOOK,
    "sqlmodel.Session": _SA_SESSION,
    "sqlmodel.orm.session.Session": _SA_SESSION,
    "sqlmodel.create_engine": "sqlalchemy.create_engine",
    "sqlmodel.main.create_engine": "sqlalchemy.create_engine",
    "rq.queue.Queue": RQ_QUEUE,
    "rq.Job": RQ_JOB,
    "dramatiq.actor.Actor": DRAMATIQ_ACTOR,
    "dramatiq.actor.actor": "dramatiq.actor",
    "clickhouse_driver.client.Client": CLICKHOUSE,
    "clickhouse_connect.driver.httpclient.HttpClient": CLICKHOUSE_HTTP,
    "snowflake.connector.connection.SnowflakeConnection": SNOWFLAKE,
    "httplib2.Http": "httplib2.Http",
    **{f"mongoengine.{kind}": MONGOENGINE_DOCUMENT for kind in (
        "DynamicDocument", "document.Document", "document.DynamicDocument")},
    "mongoengine.queryset.queryset.QuerySet": MONGOENGINE_QUERYSET,
}
# a MongoEngine query set narrows (`Profile.objects(name=n)`, `.filter(...)`) without asking the server
_MONGOENGINE_BUILDERS = ("filter exclude only order_by limit skip no_dereference select_related as_pymongo "
                         "no_cache timeout batch_size hint read_preference using all clone none").split()
_MONGOENGINE_QUERIES = ("get first count insert update update_one upsert_one modify delete distinct aggregate "
                        "explain in_bulk sum average item_frequencies map_reduce")

_METHODS: Tuple[Tuple[str, str, str], ...] = (
    # SQLModel adds `exec` to SQLAlchemy's session: the same round trip as `execute`
    (_SA_SESSION, "ACK105", "exec"),
    (PEEWEE_MODEL, "ACK105", "get get_or_none get_by_id get_or_create create save delete_instance bulk_create "
                             "bulk_update create_table drop_table table_exists"),
    (PEEWEE_QUERY, "ACK105", "get first count exists execute scalar peek"),
    (PEEWEE_WRITE, "ACK105", "execute"),
    # every model operation is an HTTP request to DynamoDB
    (PYNAMO_MODEL, "ACK102", "get query scan count exists batch_get batch_write create_table delete_table "
                             "describe_table save update delete refresh"),
    (RQ_QUEUE, "ACK105", "enqueue enqueue_call enqueue_at enqueue_in enqueue_many enqueue_job empty delete "
                         "fetch_job get_job_ids get_jobs"),
    (RQ_JOB, "ACK105", "fetch fetch_many refresh get_status cancel delete requeue save return_value "
                       "latest_result"),
    # sending a message publishes it to the broker (Redis or RabbitMQ) and waits for the write
    (DRAMATIQ_ACTOR, "ACK105", "send send_with_options"),
    (CLICKHOUSE, "ACK105", "execute execute_iter execute_with_progress query_dataframe insert_dataframe"),
    (CLICKHOUSE_HTTP, "ACK105", "query command insert ping query_df query_np query_arrow query_rows_stream "
                                "query_row_block_stream query_column_block_stream query_df_stream query_np_stream "
                                "query_arrow_stream raw_query raw_insert raw_stream insert_df insert_arrow"),
    (SNOWFLAKE, "ACK105", "execute_string execute_stream commit rollback close"),
    (SNOWFLAKE_CURSOR, "ACK105", "execute executemany fetchone fetchmany fetchall fetch_pandas_all "
                                 "fetch_pandas_batches fetch_arrow_all get_results_from_sfqid"),
    ("httplib2.Http", "ACK102", "request"),
    # the model's `objects` is the query set over its collection; its terminal methods ask MongoDB
    (MONGOENGINE_QUERYSET, "ACK105", _MONGOENGINE_QUERIES),
    (f"{MONGOENGINE_DOCUMENT}.objects", "ACK105", _MONGOENGINE_QUERIES),
    (MONGOENGINE_DOCUMENT, "ACK105", "save delete reload update modify ensure_indexes drop_collection"),
)
BLOCKING_FUNCTIONS: Dict[str, str] = {
    "connectorx.read_sql": "ACK105", "polars.read_database": "ACK105", "polars.read_database_uri": "ACK105",
    **{f"{SPARK_FRAME}.{m}": "ACK105" for m in _SPARK_ACTIONS},
    **{f"{AIRFLOW_SQL_HOOK}.{m}": "ACK105" for m in ("get_records", "get_first", "get_pandas_df", "get_df", "run",
                                                     "insert_rows", "get_conn", "get_sqlalchemy_engine",
                                                     "bulk_load", "bulk_dump", "get_connection")},
    **{f"{AIRFLOW_HTTP_HOOK}.{m}": "ACK102" for m in ("run", "run_and_check", "run_with_advanced_retry",
                                                      "get_conn", "get_connection")},
    **{f"{PULSAR_CLIENT}.{m}": "ACK105" for m in ("create_producer", "subscribe", "create_reader", "close",
                                                  "get_topic_partitions")},
    **{f"{PULSAR_PRODUCER}.{m}": "ACK105" for m in ("send", "flush", "close")},
    **{f"{PULSAR_CONSUMER}.{m}": "ACK105" for m in ("receive", "batch_receive", "close", "seek", "unsubscribe")},
    # connecting logs in to the warehouse over HTTPS
    "snowflake.connector.connect": "ACK105",
    **{maker: "ACK105" for maker in _CLICKHOUSE_HTTP_MAKERS},
    **{f"{kind}.{m}": code for kind, code, methods in _METHODS for m in methods.split()},
}
BLOCKING_ITERATION: Dict[str, str] = {PEEWEE_QUERY: "ACK105", MONGOENGINE_QUERYSET: "ACK105"}
RETURNS: Dict[str, str] = {
    **{f"{SPARK_SESSION}.{m}": SPARK_FRAME for m in ("sql", "table", "createDataFrame", "range")},
    **{f"{SPARK_FRAME}.{m}": SPARK_GROUPED for m in ("groupBy", "groupby", "rollup", "cube")},
    **{f"{SPARK_GROUPED}.{m}": SPARK_FRAME for m in ("agg", "count", "sum", "avg", "mean", "max", "min",
                                                     "applyInPandas", "apply")},
    f"{SPARK_GROUPED}.pivot": SPARK_GROUPED,
    PULSAR_CLIENT: PULSAR_CLIENT, f"{PULSAR_CLIENT}.create_producer": PULSAR_PRODUCER,
    f"{PULSAR_CLIENT}.subscribe": PULSAR_CONSUMER,
    f"{PEEWEE_MODEL}.select": PEEWEE_QUERY,
    **{f"{PEEWEE_QUERY}.{m}": PEEWEE_QUERY for m in _PEEWEE_BUILDERS},
    **{f"{PEEWEE_MODEL}.{m}": PEEWEE_WRITE for m in ("insert", "insert_many", "update", "delete", "replace")},
    **{f"{PEEWEE_WRITE}.{m}": PEEWEE_WRITE for m in ("where", "on_conflict", "returning")},
    RQ_QUEUE: RQ_QUEUE,
    **{f"{RQ_QUEUE}.{m}": RQ_JOB for m in ("enqueue", "enqueue_call", "enqueue_at", "enqueue_in", "fetch_job")},
    f"{RQ_JOB}.fetch": RQ_JOB,
    CLICKHOUSE: CLICKHOUSE, "clickhouse_driver.Client.from_url": CLICKHOUSE,
    **{maker: CLICKHOUSE_HTTP for maker in _CLICKHOUSE_HTTP_MAKERS},
    "snowflake.connector.connect": SNOWFLAKE,
    f"{SNOWFLAKE}.cursor": SNOWFLAKE_CURSOR,
    f"{SNOWFLAKE_CURSOR}.execute": SNOWFLAKE_CURSOR,
    "httplib2.Http": "httplib2.Http",
    f"{MONGOENGINE_DOCUMENT}.objects": MONGOENGINE_QUERYSET,
    **{f"{MONGOENGINE_DOCUMENT}.objects.{m}": MONGOENGINE_QUERYSET for m in _MONGOENGINE_BUILDERS},
    **{f"{MONGOENGINE_QUERYSET}.{m}": MONGOENGINE_QUERYSET for m in _MONGOENGINE_BUILDERS},
    **{f"{kind}.{m}": MONGOENGINE_DOCUMENT for kind in (MONGOENGINE_QUERYSET, f"{MONGOENGINE_DOCUMENT}.objects")
       for m in ("get", "first")},
}
# `@dramatiq.actor def build(...)`: `build` is an actor, whose `send()` enqueues
# a Spark plan's transformations give a plan (`df.filter(...).groupBy(...)`), but its actions and the writer
FLUENT_TYPES: Dict[str, FrozenSet[str]] = {SPARK_FRAME: _SPARK_ACTIONS | {"write", "writeStream", "schema", "columns",
                                                                        "dtypes", "rdd", "explain", "printSchema"}}
OBJECT_DECORATORS: Dict[str, str] = {"dramatiq.actor": DRAMATIQ_ACTOR}
