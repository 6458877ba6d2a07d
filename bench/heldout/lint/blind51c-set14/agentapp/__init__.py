"""An agent application: document ingestion, retrieval, agents from several frameworks, speech."""
