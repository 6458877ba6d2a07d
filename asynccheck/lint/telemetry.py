"""What the linter knows about the SDKs of observability agents: OpenTelemetry's providers, batch processors,
metric readers and exporters, and Sentry's flush.

An OpenTelemetry batch processor queues what it is handed and exports from a worker thread of its own: `on_end`
and `emit` return at once, but `force_flush()` and `shutdown()` (of a processor, a reader, or the provider
that owns them) wait for that thread to export everything queued, over the network, up to their timeout. An
exporter's `export()` is the network call itself (OTLP over HTTP or gRPC, Zipkin, Jaeger). Sentry's client sends
events from a background worker too; `flush()` (and `close()`) wait for its queue to drain. knowledge.py merges
these tables into its own; the names follow its conventions (canonical qualified names, `<type>.<method>`).
"""
from __future__ import annotations

from typing import Dict, Tuple

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

CANONICAL: Dict[str, str] = {
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
)
BLOCKING_FUNCTIONS: Dict[str, str] = {"sentry_sdk.flush": "ACK105", "sentry_sdk.api.flush": "ACK105"}
RETURNS: Dict[str, str] = {
    **{kind: kind for kind in (TRACER_PROVIDER, METER_PROVIDER, LOGGER_PROVIDER, *_PROCESSORS, *EXPORTERS,
                               SENTRY_CLIENT)},
    "sentry_sdk.get_client": SENTRY_CLIENT,
}
