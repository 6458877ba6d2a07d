"""What the linter knows about the SDKs of observability agents: OpenTelemetry's providers, batch processors,
metric readers and exporters, Sentry's flush, Datadog's HTTP API and the InfluxDB 2 client.

An OpenTelemetry batch processor queues what it is handed and exports from a worker thread of its own: `on_end`
and `emit` return at once, but `force_flush()` and `shutdown()` (of a processor, a reader, or the provider
that owns them) wait for that thread to export everything queued, over the network, up to their timeout. An
exporter's `export()` is the network call itself (OTLP over HTTP or gRPC, Zipkin, Jaeger). Sentry's client sends
events from a background worker too; `flush()` (and `close()`) wait for its queue to drain. Datadog's module-level
API (`datadog.api.Event.create(...)`) makes an HTTP request per call (its `statsd` sends UDP datagrams and does not
wait). InfluxDB's client queries on the calling thread; its write API waits for each write only when made with
`write_options=SYNCHRONOUS` (the default batches from a thread, ASYNCHRONOUS hands back a pool's result). knowledge.py merges
these tables into its own; the names follow its conventions (canonical qualified names, `<type>.<method>`).
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

_SDK = "opentelemetry.sdk"
TRACER_PROVIDER = f"{_SDK}.trace.TracerProvider"
METER_PROVIDER = f"{_SDK}.metrics.MeterProvider"
LOGGER_PROVIDER = f"{_SDK}._logs.LoggerProvider"
_PROCESSORS = (f"{_SDK}.trace.export.BatchSpanProcessor", f"{_SDK}._logs.export.BatchLogRecordProcessor",
               f"{_SDK}.metrics.export.PeriodicExportingMetricReader")
# the exporters that send over the network (the console exporters write to a stream: left out)
_OTLP = "opentelemetry.exporter.otlp.proto"
EXPORTERS: Tuple[str, ...] = tuple(
    f"{_OTLP}.{wire}.{signal}_exporter.OTLP{kind}Exporter"
    for wire in ("http", "grpc") for signal, kind in (("trace", "Span"), ("metric", "Metric"), ("_log", "Log"))
) + ("opentelemetry.exporter.zipkin.json.ZipkinExporter", "opentelemetry.exporter.zipkin.proto.http.ZipkinExporter",
     "opentelemetry.exporter.jaeger.thrift.JaegerExporter", "opentelemetry.exporter.jaeger.proto.grpc.JaegerExporter")
SENTRY_CLIENT = "sentry_sdk.Client"
_DATADOG_RESOURCES = (
    "AwsIntegration AwsLogsIntegration AzureIntegration Comment Dashboard DashboardList Distribution Downtime Embed "
    "Event GcpIntegration Graph Host Hosts Infrastructure Logs Metadata Metric Monitor Permissions Roles "
    "Screenboard ServiceCheck ServiceLevelObjective Synthetics Tag Timeboard User"
).split()
DATADOG_API: Tuple[str, ...] = tuple(f"datadog.api.{name}" for name in _DATADOG_RESOURCES)
_INFLUX = "influxdb_client"
INFLUX_CLIENT = f"{_INFLUX}.InfluxDBClient"
INFLUX_QUERY = f"{_INFLUX}.client.query_api.QueryApi"
INFLUX_DELETE = f"{_INFLUX}.client.delete_api.DeleteApi"
# a write API made with write_options=SYNCHRONOUS (the only kind whose writes wait: see RETURNS_BY_ARGUMENT)
INFLUX_SYNC_WRITE = f"{_INFLUX}.client.write_api.WriteApi"
# the async client (aiohttp underneath) and the APIs it makes: their requests are coroutines
INFLUX_ASYNC_CLIENT = f"{_INFLUX}.client.influxdb_client_async.InfluxDBClientAsync"
_INFLUX_ASYNC_APIS = {"write_api": (f"{_INFLUX}.client.write_api_async.WriteApiAsync", "write"),
                      "query_api": (f"{_INFLUX}.client.query_api_async.QueryApiAsync",
                                    "query query_raw query_stream query_data_frame query_data_frame_stream"),
                      "delete_api": (f"{_INFLUX}.client.delete_api_async.DeleteApiAsync", "delete")}

CANONICAL: Dict[str, str] = {
    **{f"prometheus_client.exposition.{f}": f"prometheus_client.{f}"
       for f in ("start_http_server", "start_wsgi_server")},
    "prometheus_client.core.Collector": "prometheus_client.registry.Collector",
    "prometheus_client.registry.REGISTRY": "prometheus_client.REGISTRY",
    "prometheus_client.core.REGISTRY": "prometheus_client.REGISTRY",
    f"{_INFLUX}.client.influxdb_client.InfluxDBClient": INFLUX_CLIENT,
    f"{_SDK}._logs._internal.export.BatchLogRecordProcessor": _PROCESSORS[1],
    f"{_SDK}._logs._internal.LoggerProvider": LOGGER_PROVIDER,
    f"{_SDK}.metrics._internal.MeterProvider": METER_PROVIDER,
    f"{_SDK}.metrics._internal.export.PeriodicExportingMetricReader": _PROCESSORS[2],
    "sentry_sdk.client._Client": SENTRY_CLIENT,
}
BLOCKING_METHODS: Tuple[Tuple[Tuple[str, ...], str, str], ...] = (
    ((TRACER_PROVIDER, METER_PROVIDER, LOGGER_PROVIDER, *_PROCESSORS), "ACK105", "force_flush shutdown"),
    (EXPORTERS, "ACK105", "export force_flush shutdown"),
    ((SENTRY_CLIENT,), "ACK105", "flush close"),
    ((INFLUX_CLIENT,), "ACK102", "ping health ready version build"),
    ((INFLUX_QUERY,), "ACK102", "query query_csv query_raw query_stream query_data_frame query_data_frame_stream"),
    ((INFLUX_DELETE,), "ACK102", "delete"),
    ((INFLUX_SYNC_WRITE,), "ACK102", "write flush"),
)
# every call of a resource of Datadog's API is a request
BLOCKING_TYPES: Dict[str, Tuple[str, FrozenSet[str]]] = {name: ("ACK102", frozenset()) for name in DATADOG_API}
BLOCKING_FUNCTIONS: Dict[str, str] = {"sentry_sdk.flush": "ACK105", "sentry_sdk.api.flush": "ACK105"}
RETURNS: Dict[str, str] = {
    **{kind: kind for kind in (TRACER_PROVIDER, METER_PROVIDER, LOGGER_PROVIDER, *_PROCESSORS, *EXPORTERS,
                               SENTRY_CLIENT)},
    "sentry_sdk.get_client": SENTRY_CLIENT,
    INFLUX_CLIENT: INFLUX_CLIENT,
    f"{INFLUX_CLIENT}.from_config_file": INFLUX_CLIENT,
    f"{INFLUX_CLIENT}.from_env_properties": INFLUX_CLIENT,
    f"{INFLUX_CLIENT}.query_api": INFLUX_QUERY,
    f"{INFLUX_CLIENT}.delete_api": INFLUX_DELETE,
    INFLUX_ASYNC_CLIENT: INFLUX_ASYNC_CLIENT,
    **{f"{INFLUX_ASYNC_CLIENT}.{maker}": api for maker, (api, _) in _INFLUX_ASYNC_APIS.items()},
}
COROUTINE_FUNCTIONS: FrozenSet[str] = frozenset(
    [f"{api}.{method}" for api, methods in _INFLUX_ASYNC_APIS.values() for method in methods.split()]
    + [f"{INFLUX_ASYNC_CLIENT}.{method}" for method in ("ping", "version", "build", "close")]
)
# Calls whose result is a known type only when an argument names one of these constants: callable -> (position,
# keyword, the constants, the type).
RETURNS_BY_ARGUMENT: Dict[str, Tuple[int, str, FrozenSet[str], str]] = {
    f"{INFLUX_CLIENT}.write_api": (0, "write_options", frozenset({f"{_INFLUX}.client.write_api.SYNCHRONOUS",
                                                                  f"{_INFLUX}.SYNCHRONOUS"}), INFLUX_SYNC_WRITE),
}

# Classes of the SDK whose subclasses' methods OpenTelemetry calls off the loop's thread: base -> (methods, where).
# A batch processor or periodic metric reader hands its exporter each batch on its worker thread; a span processor
# is told of each span where it starts and ends, in whichever thread that is (executor workers, a driver's threads).
THREAD_CLASSES: Dict[str, Tuple[Tuple[str, ...], str]] = {
    **{f"{_SDK}.{kind}": (("export",), "the worker thread of the OpenTelemetry processor or metric reader that "
                                       "exports through it (`BatchSpanProcessor`, `PeriodicExportingMetricReader`)")
       for kind in ("trace.export.SpanExporter", "metrics.export.MetricExporter", "_logs.export.LogExporter")},
    f"{_SDK}.trace.SpanProcessor": (("on_start", "on_end"), "whichever thread starts or ends the span (OpenTelemetry "
                                                            "calls its span processors there)"),
}

# prometheus_client's own metrics server (`start_http_server`, `start_wsgi_server`) serves each scrape on a thread of
# its own and calls every registered collector's `collect()` there; served by `make_asgi_app()`, a scrape runs on
# the loop instead. A collector is a `Collector` subclass, or any object with a `collect()` handed to `register()`.
PROMETHEUS_SERVERS: FrozenSet[str] = frozenset({"prometheus_client.start_http_server",
                                                "prometheus_client.start_wsgi_server"})
PROMETHEUS_COLLECTOR = "prometheus_client.registry.Collector"
PROMETHEUS_REGISTER = "prometheus_client.registry.CollectorRegistry.register"
PROMETHEUS_WHERE = "the thread of prometheus_client's metrics server, which calls a collector's `collect()` per scrape"

