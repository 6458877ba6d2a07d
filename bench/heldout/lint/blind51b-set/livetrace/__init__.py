"""Live tracing for the order service: spans, log lines and pool gauges pushed to an operator dashboard."""
