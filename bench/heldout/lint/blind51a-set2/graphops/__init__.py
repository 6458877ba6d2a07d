from .stores import GraphRepo, async_graph_driver, events_client, graph_driver, read_secret, vault

__all__ = ["GraphRepo", "async_graph_driver", "events_client", "graph_driver", "read_secret", "vault"]
