"""A podcast aggregator: poll feeds, download episodes, tag and transcode them, notify subscribers."""
