"""A home-lab monitoring agent: probes, an SNMP and SSH poller, metrics out to InfluxDB and Prometheus."""
