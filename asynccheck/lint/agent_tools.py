"""What the linter knows about the tools that agents, scrapers and RAG pipelines drive: Playwright's browsers,
the request context an MCP server hands its tools, pgvector's hooks for the asyncpg and psycopg drivers, and
LangChain's runnables (chat models, LLMs, chains, retrievers) and embeddings, and LlamaIndex's query and chat
engines, retrievers, LLMs and embedding models.

Playwright has two APIs with the same classes. In the async one (`async_playwright()`), what talks to the browser
is a coroutine function (`page.goto(url)` without `await` loads nothing: ACK301); making locators, registering
listeners and setting timeouts are plain calls, and `expect_*()` give context managers: those stay out. The sync
one (`sync_playwright()`) starts the browser driver and waits for the browser on the calling thread (inside a
running loop it refuses to start at all). An MCP tool's `ctx.info(...)` and `ctx.report_progress(...)` send a
notification to the client: coroutine functions. A LangChain runnable's `invoke`, `batch` and `stream` run it
on the calling thread, waiting for the model's API (a chat model's, or each one a chain calls); each has an
`a`-prefixed twin that is a coroutine function (`astream` is an async generator, and stays out). LlamaIndex is
built the same way: `engine.query()`, `chat_engine.chat()`, `retriever.retrieve()`, `llm.complete()` and an
embedding model's `get_text_embedding()` wait for the model on the calling thread, and `aquery()`, `achat()`,
`aretrieve()`, `acomplete()`, `aget_text_embedding()` are their coroutine twins; building an index from documents
embeds them all (`VectorStoreIndex.from_documents`, `index.insert`), and an index's `as_query_engine()`,
`as_chat_engine()` and `as_retriever()` only wrap it. knowledge.py merges these tables into its own; the names follow
its conventions (canonical qualified names, `<type>.<method>`).
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Optional, Tuple

_ASYNC, _SYNC = "playwright.async_api", "playwright.sync_api"
_KINDS = ("Playwright", "BrowserType", "Browser", "BrowserContext", "Page", "Frame", "Locator", "ElementHandle")

# What talks to the browser, by class: the same names in both APIs.
_BROWSER_CALLS: Dict[str, str] = {
    "BrowserType": "launch launch_persistent_context connect connect_over_cdp",
    "Browser": "new_context new_page close new_browser_cdp_session start_tracing stop_tracing",
    "BrowserContext": (
        "new_page close cookies add_cookies clear_cookies clear_permissions grant_permissions add_init_script "
        "set_extra_http_headers set_geolocation set_offline route unroute storage_state expose_function "
        "expose_binding new_cdp_session"),
    "Page": (
        "goto reload go_back go_forward content set_content title close screenshot pdf click dblclick fill "
        "type press check uncheck hover focus tap select_option set_input_files drag_and_drop dispatch_event "
        "evaluate evaluate_handle query_selector query_selector_all wait_for_selector wait_for_load_state "
        "wait_for_url wait_for_function wait_for_timeout wait_for_event inner_text inner_html text_content "
        "input_value get_attribute is_visible is_hidden is_enabled is_disabled is_checked is_editable "
        "set_viewport_size add_init_script add_script_tag add_style_tag bring_to_front emulate_media "
        "expose_function expose_binding route unroute set_extra_http_headers opener"),
    "Frame": (
        "goto content set_content title click dblclick fill type press check uncheck hover focus tap "
        "select_option set_input_files evaluate evaluate_handle query_selector query_selector_all "
        "wait_for_selector wait_for_load_state wait_for_url wait_for_function wait_for_timeout inner_text "
        "inner_html text_content input_value get_attribute is_visible is_hidden is_enabled is_checked"),
    "Locator": (
        "click dblclick fill type press press_sequentially check uncheck set_checked hover focus blur tap "
        "select_option set_input_files clear drag_to dispatch_event evaluate evaluate_all evaluate_handle "
        "screenshot scroll_into_view_if_needed wait_for count all all_inner_texts all_text_contents inner_text "
        "inner_html text_content input_value get_attribute is_visible is_hidden is_enabled is_disabled "
        "is_checked is_editable bounding_box highlight select_text element_handle element_handles"),
    "ElementHandle": (
        "click dblclick fill type press check uncheck hover focus tap select_option set_input_files screenshot "
        "inner_text inner_html text_content input_value get_attribute is_visible is_hidden is_enabled "
        "is_checked bounding_box query_selector query_selector_all wait_for_selector content_frame "
        "scroll_into_view_if_needed evaluate dispose"),
}
# Plain calls that make another object of the API (a locator is only a description until it is used).
_MAKERS: Dict[Tuple[str, str], str] = {
    **{(kind, m): "Locator" for kind in ("Page", "Frame", "Locator") for m in (
        "locator get_by_role get_by_text get_by_label get_by_placeholder get_by_alt_text get_by_title "
        "get_by_test_id").split()},
    **{("Locator", m): "Locator" for m in ("nth", "filter", "and_", "or_")},
}
# What the browser calls give back (awaited in the async API, returned in the sync one).
_MADE: Dict[Tuple[str, str], str] = {
    ("BrowserType", "launch"): "Browser", ("BrowserType", "connect"): "Browser",
    ("BrowserType", "connect_over_cdp"): "Browser",
    ("BrowserType", "launch_persistent_context"): "BrowserContext",
    ("Browser", "new_context"): "BrowserContext", ("Browser", "new_page"): "Page",
    ("BrowserContext", "new_page"): "Page",
    ("Page", "query_selector"): "ElementHandle", ("Frame", "query_selector"): "ElementHandle",
}
_ENGINES = ("chromium", "firefox", "webkit")

# MCP servers' request context: the official SDK's (FastMCP in 1.x, MCPServer in 2.x) and the fastmcp package's.
MCP_CONTEXTS = ("mcp.server.fastmcp.Context", "mcp.server.mcpserver.Context", "fastmcp.Context")
_MCP_CALLS = "report_progress read_resource log debug info warning error elicit"

# LangChain: the interface every runnable shares (a chain, `prompt | model`, a retriever), the base classes of the
# chat models and completion LLMs, with their older entry points, and of the embedding models. The providers'
# classes are named by the base class they derive from; prompts and output parsers, which only format, stay out.
LC_RUNNABLE = "langchain_core.runnables.Runnable"
LC_CHAT_MODEL = "langchain_core.language_models.BaseChatModel"
LC_LLM = "langchain_core.language_models.BaseLLM"
LC_CHAIN = "langchain.chains.base.Chain"
LC_RETRIEVER = "langchain_core.retrievers.BaseRetriever"
LC_EMBEDDINGS = "langchain_core.embeddings.Embeddings"
# a vector store embeds the query (or the documents added) through its embeddings and asks the store; a document
# loader reads its source (a file, or a page or service for the web loaders, LC_WEB_LOADER)
LC_VECTORSTORE = "langchain_core.vectorstores.VectorStore"
LC_LOADER = "langchain_core.document_loaders.BaseLoader"
LC_WEB_LOADER = "langchain_community.document_loaders.WebBaseLoader"
_LC_WEB_LOADERS = ("WebBaseLoader", "RecursiveUrlLoader", "SitemapLoader", "WikipediaLoader", "ArxivLoader",
                   "YoutubeLoader", "NotionDirectoryLoader", "ConfluenceLoader", "GitHubIssuesLoader",
                   "SeleniumURLLoader", "UnstructuredURLLoader", "PlaywrightURLLoader", "S3FileLoader",
                   "S3DirectoryLoader", "GCSFileLoader", "AzureBlobStorageFileLoader", "GoogleDriveLoader")
# the provider packages' classes: every class a module of these names is a loader (or a vector store) of theirs
LOADER_MODULES = ("langchain_community.document_loaders.", "langchain.document_loaders.")
VECTORSTORE_MODULES = ("langchain_community.vectorstores.", "langchain.vectorstores.")
_LC_RUNNABLES = (LC_RUNNABLE, LC_CHAT_MODEL, LC_LLM, LC_CHAIN, LC_RETRIEVER)
_LC_LOADERS = (LC_LOADER, LC_WEB_LOADER)
# method -> (its coroutine twin, the runnables that have both)
_LC_CALLS: Dict[str, Tuple[str, Tuple[str, ...]]] = {
    "invoke": ("ainvoke", _LC_RUNNABLES), "batch": ("abatch", _LC_RUNNABLES), "stream": ("", _LC_RUNNABLES),
    "batch_as_completed": ("", _LC_RUNNABLES), "transform": ("", _LC_RUNNABLES),
    "predict": ("apredict", (LC_CHAT_MODEL, LC_LLM, LC_CHAIN)),
    "predict_messages": ("apredict_messages", (LC_CHAT_MODEL, LC_LLM)),
    "generate": ("agenerate", (LC_CHAT_MODEL, LC_LLM)),
    "generate_prompt": ("agenerate_prompt", (LC_CHAT_MODEL, LC_LLM)),
    "run": ("arun", (LC_CHAIN,)), "get_relevant_documents": ("aget_relevant_documents", (LC_RETRIEVER,)),
    "embed_documents": ("aembed_documents", (LC_EMBEDDINGS,)), "embed_query": ("aembed_query", (LC_EMBEDDINGS,)),
    **{m: (f"a{m}", (LC_VECTORSTORE,)) for m in (
        "similarity_search", "similarity_search_with_score", "similarity_search_with_relevance_scores",
        "similarity_search_by_vector", "max_marginal_relevance_search", "max_marginal_relevance_search_by_vector",
        "search", "add_documents", "add_texts", "delete", "get_by_ids", "from_documents", "from_texts")},
}
# a loader's reads, with their coroutine twins (`alazy_load` is an async generator: out)
_LC_LOADER_CALLS: Dict[str, str] = {"load": "aload", "load_and_split": "", "lazy_load": ""}
# provider classes (calling a hosted model's API) by the base class they derive from
_LC_PROVIDERS: Dict[str, Tuple[str, ...]] = {
    LC_CHAT_MODEL: ("langchain_openai.ChatOpenAI", "langchain_openai.AzureChatOpenAI",
                    "langchain_anthropic.ChatAnthropic", "langchain_ollama.ChatOllama", "langchain_groq.ChatGroq",
                    "langchain_mistralai.ChatMistralAI", "langchain_google_genai.ChatGoogleGenerativeAI",
                    "langchain_google_vertexai.ChatVertexAI", "langchain_aws.ChatBedrock",
                    "langchain_aws.ChatBedrockConverse", "langchain_cohere.ChatCohere",
                    "langchain_fireworks.ChatFireworks", "langchain_together.ChatTogether",
                    "langchain_deepseek.ChatDeepSeek", "langchain_xai.ChatXAI",
                    "langchain_community.chat_models.ChatOllama", "langchain_community.chat_models.ChatOpenAI",
                    "langchain_community.chat_models.ChatAnthropic",
                    "langchain_core.language_models.chat_models.BaseChatModel",
                    "langchain.chat_models.base.BaseChatModel"),
    LC_LLM: ("langchain_openai.OpenAI", "langchain_openai.AzureOpenAI", "langchain_ollama.OllamaLLM",
             "langchain_community.llms.Ollama", "langchain_community.llms.OpenAI",
             "langchain_core.language_models.llms.BaseLLM", "langchain_core.language_models.LLM",
             "langchain_core.language_models.llms.LLM"),
    LC_EMBEDDINGS: ("langchain_openai.OpenAIEmbeddings", "langchain_openai.AzureOpenAIEmbeddings",
                    "langchain_ollama.OllamaEmbeddings", "langchain_cohere.CohereEmbeddings",
                    "langchain_mistralai.MistralAIEmbeddings", "langchain_aws.BedrockEmbeddings",
                    "langchain_google_genai.GoogleGenerativeAIEmbeddings",
                    "langchain_google_vertexai.VertexAIEmbeddings", "langchain_core.embeddings.embeddings.Embeddings",
                    "langchain_community.embeddings.OpenAIEmbeddings",
                    "langchain_community.embeddings.OllamaEmbeddings"),
    LC_RUNNABLE: tuple(f"langchain_core.runnables.{where}{kind}" for where in ("", "base.") for kind in (
        "RunnableSequence", "RunnableParallel", "RunnableLambda", "RunnableSerializable", "RunnableBinding",
        "RunnableWithFallbacks")) + ("langchain_core.runnables.base.Runnable",
                                     "langchain_core.runnables.RunnableWithMessageHistory",
                                     "langchain_core.runnables.history.RunnableWithMessageHistory",
                                     "langgraph.graph.state.CompiledStateGraph", "langgraph.pregel.Pregel"),
    LC_CHAIN: ("langchain.chains.LLMChain", "langchain.chains.RetrievalQA", "langchain.chains.ConversationChain",
               "langchain.chains.ConversationalRetrievalChain", "langchain.agents.AgentExecutor",
               "langchain.chains.llm.LLMChain", "langchain.agents.agent.AgentExecutor"),
    LC_RETRIEVER: ("langchain_core.vectorstores.VectorStoreRetriever",
                   "langchain_core.vectorstores.base.VectorStoreRetriever"),
    LC_VECTORSTORE: ("langchain_core.vectorstores.base.VectorStore", "langchain_chroma.Chroma",
                     "langchain_postgres.PGVector", "langchain_qdrant.QdrantVectorStore",
                     "langchain_pinecone.PineconeVectorStore", "langchain_milvus.Milvus",
                     "langchain_weaviate.WeaviateVectorStore", "langchain_elasticsearch.ElasticsearchStore",
                     "langchain_mongodb.MongoDBAtlasVectorSearch", "langchain_redis.RedisVectorStore",
                     "langchain_core.vectorstores.InMemoryVectorStore"),
    LC_LOADER: ("langchain_core.document_loaders.base.BaseLoader",),
    LC_WEB_LOADER: tuple(f"{module}{kind}" for module in LOADER_MODULES for kind in _LC_WEB_LOADERS),
}

# LlamaIndex: kind -> (its canonical base class, the names it is imported or subclassed under)
_LI = "llama_index.core"
LI_QUERY_ENGINE = f"{_LI}.base.base_query_engine.BaseQueryEngine"
LI_CHAT_ENGINE = f"{_LI}.chat_engine.types.BaseChatEngine"
LI_RETRIEVER = f"{_LI}.base.base_retriever.BaseRetriever"
LI_LLM = f"{_LI}.llms.LLM"
LI_EMBEDDING = f"{_LI}.base.embeddings.base.BaseEmbedding"
LI_INDEX = f"{_LI}.indices.base.BaseIndex"
_LI_KINDS: Dict[str, Tuple[str, ...]] = {
    LI_QUERY_ENGINE: (f"{_LI}.query_engine.BaseQueryEngine", f"{_LI}.query_engine.RetrieverQueryEngine",
                      f"{_LI}.query_engine.CitationQueryEngine", f"{_LI}.query_engine.RouterQueryEngine",
                      f"{_LI}.query_engine.SubQuestionQueryEngine", f"{_LI}.query_engine.TransformQueryEngine"),
    LI_CHAT_ENGINE: (f"{_LI}.chat_engine.SimpleChatEngine", f"{_LI}.chat_engine.ContextChatEngine",
                     f"{_LI}.chat_engine.CondensePlusContextChatEngine", f"{_LI}.chat_engine.CondenseQuestionChatEngine"),
    LI_RETRIEVER: (f"{_LI}.retrievers.BaseRetriever", f"{_LI}.retrievers.VectorIndexRetriever", f"{_LI}.BaseRetriever"),
    LI_LLM: (f"{_LI}.llms.llm.LLM", f"{_LI}.base.llms.base.BaseLLM", f"{_LI}.llms.CustomLLM",
             "llama_index.llms.openai.OpenAI", "llama_index.llms.anthropic.Anthropic", "llama_index.llms.ollama.Ollama",
             "llama_index.llms.azure_openai.AzureOpenAI", "llama_index.llms.gemini.Gemini",
             "llama_index.llms.bedrock.Bedrock", "llama_index.llms.mistralai.MistralAI",
             "llama_index.llms.groq.Groq", "llama_index.llms.openai_like.OpenAILike"),
    LI_EMBEDDING: (f"{_LI}.embeddings.BaseEmbedding", "llama_index.embeddings.openai.OpenAIEmbedding",
                   "llama_index.embeddings.azure_openai.AzureOpenAIEmbedding",
                   "llama_index.embeddings.ollama.OllamaEmbedding",
                   "llama_index.embeddings.huggingface.HuggingFaceEmbedding"),
    LI_INDEX: (f"{_LI}.VectorStoreIndex", f"{_LI}.indices.VectorStoreIndex", f"{_LI}.SummaryIndex",
               f"{_LI}.KeywordTableIndex", f"{_LI}.PropertyGraphIndex", f"{_LI}.indices.base.BaseIndex"),
}
# method -> (its coroutine twin, the kinds that have both)
_LI_CALLS: Dict[str, Tuple[str, Tuple[str, ...]]] = {
    "query": ("aquery", (LI_QUERY_ENGINE,)), "retrieve": ("aretrieve", (LI_QUERY_ENGINE, LI_RETRIEVER)),
    "synthesize": ("asynthesize", (LI_QUERY_ENGINE,)),
    "chat": ("achat", (LI_CHAT_ENGINE, LI_LLM)), "stream_chat": ("astream_chat", (LI_CHAT_ENGINE, LI_LLM)),
    "complete": ("acomplete", (LI_LLM,)), "stream_complete": ("astream_complete", (LI_LLM,)),
    "predict": ("apredict", (LI_LLM,)), "structured_predict": ("astructured_predict", (LI_LLM,)),
    **{f"get_{what}": (f"aget_{what}", (LI_EMBEDDING,))
       for what in ("text_embedding", "query_embedding", "text_embedding_batch", "agg_embedding_from_queries")},
    "insert": ("ainsert", (LI_INDEX,)), "insert_nodes": ("ainsert_nodes", (LI_INDEX,)),
}
_LI_WRAPPERS = {"as_query_engine": LI_QUERY_ENGINE, "as_chat_engine": LI_CHAT_ENGINE, "as_retriever": LI_RETRIEVER}

# Agent frameworks' entry points. A run calls the model (and the tools) many times: the sync ones do it on the
# calling thread (CrewAI's `kickoff`, Haystack's `Pipeline.run`, smolagents' `run`); the `run_sync` of pydantic-ai
# and of openai-agents' `Runner`, and Haystack's `AsyncPipeline.run`, run an event loop of their own to drive the
# async run, which on a running loop fails (ACK108). Their async twins are coroutine functions.
_AGENT_RUNS: Dict[str, Tuple[str, str]] = {
    "crewai.Crew.kickoff": ("ACK102", "crewai.Crew.kickoff_async"),
    "crewai.Crew.kickoff_for_each": ("ACK102", "crewai.Crew.kickoff_for_each_async"),
    "crewai.Agent.kickoff": ("ACK102", "crewai.Agent.kickoff_async"),
    "haystack.Pipeline.run": ("ACK102", ""),
    "haystack.AsyncPipeline.run": ("ACK108", "haystack.AsyncPipeline.run_async"),
    "pydantic_ai.Agent.run_sync": ("ACK108", "pydantic_ai.Agent.run"),
    "agents.Runner.run_sync": ("ACK108", "agents.Runner.run"),
    **{f"smolagents.{kind}.run": ("ACK102", "") for kind in ("CodeAgent", "ToolCallingAgent", "MultiStepAgent")},
}
_AGENT_CANONICAL: Dict[str, str] = {
    "crewai.crew.Crew": "crewai.Crew", "crewai.agent.Agent": "crewai.Agent",
    "haystack.core.pipeline.pipeline.Pipeline": "haystack.Pipeline",
    "haystack.core.pipeline.async_pipeline.AsyncPipeline": "haystack.AsyncPipeline",
    "pydantic_ai.agent.Agent": "pydantic_ai.Agent", "agents.run.Runner": "agents.Runner",
    **{f"smolagents.agents.{kind}": f"smolagents.{kind}" for kind in ("CodeAgent", "ToolCallingAgent", "MultiStepAgent")},
}

# `prompt | model | parser`: a runnable composed with anything is a runnable (a RunnableSequence)
PIPED: Dict[str, str] = {kind: LC_RUNNABLE for kind in _LC_RUNNABLES}

CANONICAL: Dict[str, str] = {
    **{name: base for base, names in _LC_PROVIDERS.items() for name in names},
    **{name: base for base, names in _LI_KINDS.items() for name in names},
    **_AGENT_CANONICAL,
    **{f"{api}._generated.{kind}": f"{api}.{kind}" for api in (_ASYNC, _SYNC) for kind in _KINDS},
    f"{_ASYNC}._context_manager.async_playwright": f"{_ASYNC}.async_playwright",
    f"{_SYNC}._context_manager.sync_playwright": f"{_SYNC}.sync_playwright",
    "mcp.server.fastmcp.server.Context": MCP_CONTEXTS[0],
    "mcp.server.mcpserver.context.Context": MCP_CONTEXTS[1],
    "fastmcp.server.context.Context": MCP_CONTEXTS[2],
    "fastmcp.server.Context": MCP_CONTEXTS[2],
}

COROUTINE_FUNCTIONS: FrozenSet[str] = frozenset(
    f"{_ASYNC}.{kind}.{m}" for kind, methods in _BROWSER_CALLS.items() for m in methods.split()
) | frozenset(
    f"{kind}.{m}" for kind in MCP_CONTEXTS for m in _MCP_CALLS.split()
) | frozenset({"pgvector.asyncpg.register_vector", "pgvector.psycopg.register_vector_async"}) | frozenset(
    f"{kind}.{twin}" for twin, kinds in _LC_CALLS.values() if twin for kind in kinds
) | frozenset(f"{kind}.{twin}" for twin in _LC_LOADER_CALLS.values() if twin for kind in _LC_LOADERS) \
    | frozenset(twin for _, twin in _AGENT_RUNS.values() if twin) | frozenset(f"{kind}.{twin}" for twin, kinds in _LI_CALLS.values() for kind in kinds)

# The sync API: starting it starts the driver process; every browser call then waits for the browser.
BLOCKING_FUNCTIONS: Dict[str, str] = {
    f"{_SYNC}.sync_playwright": "ACK104",
    # embeds every document (or node) it is given, a request to the embedding model per batch
    **{f"{LI_INDEX}.{m}": "ACK102" for m in ("from_documents", "from_vector_store")},
    # reads the index's JSON files from its storage context
    f"{_LI}.load_index_from_storage": "ACK103",
    **{name: code for name, (code, _) in _AGENT_RUNS.items()},
}
BLOCKING_METHODS: Tuple[Tuple[Tuple[str, ...], str, str], ...] = tuple(
    ((f"{_SYNC}.{kind}",), "ACK102", methods) for kind, methods in _BROWSER_CALLS.items()
) + tuple(((kind,), "ACK102", method) for method, (_, kinds) in _LC_CALLS.items() for kind in kinds) + tuple(
    ((kind,), "ACK102", method) for method, (_, kinds) in _LI_CALLS.items() for kind in kinds) + (
    ((LC_LOADER,), "ACK103", " ".join(_LC_LOADER_CALLS)), ((LC_WEB_LOADER,), "ACK102", " ".join(_LC_LOADER_CALLS)))


def provider_class(name: str) -> Optional[str]:
    """The LangChain base a provider package's class stands for, by the module it comes from (`PyPDFLoader` of
    `langchain_community.document_loaders`: a loader), or None."""
    last = name.rpartition(".")[2]
    if name.startswith(LOADER_MODULES) and last.endswith("Loader"):
        return LC_LOADER
    if name.startswith(VECTORSTORE_MODULES) and last[:1].isupper():
        return LC_VECTORSTORE
    return None

# `async with async_playwright() as p` (`with sync_playwright() as p`) gives the API's entry object.
RETURNS: Dict[str, str] = {
    f"{_ASYNC}.async_playwright": f"{_ASYNC}.Playwright",
    f"{_SYNC}.sync_playwright": f"{_SYNC}.Playwright",
    **{f"{api}.{kind}.{m}": f"{api}.{made}" for api in (_ASYNC, _SYNC) for (kind, m), made in _MAKERS.items()},
    **{f"{_SYNC}.{kind}.{m}": f"{_SYNC}.{made}" for (kind, m), made in _MADE.items()},
    **{f"{LI_INDEX}.{m}": made for m, made in _LI_WRAPPERS.items()},
    **{f"{LI_INDEX}.{m}": LI_INDEX for m in ("from_documents", "from_vector_store")},
    f"{_LI}.load_index_from_storage": LI_INDEX,
}
ASYNC_RETURNS: Dict[str, str] = {f"{_ASYNC}.{kind}.{m}": f"{_ASYNC}.{made}" for (kind, m), made in _MADE.items()}
PROPERTIES: Dict[str, str] = {
    **{f"{api}.Playwright.{engine}": f"{api}.BrowserType" for api in (_ASYNC, _SYNC) for engine in _ENGINES},
    **{f"{api}.Page.{name}": f"{api}.{kind}" for api in (_ASYNC, _SYNC)
       for name, kind in (("context", "BrowserContext"), ("main_frame", "Frame"))},
    **{f"{api}.Locator.{end}": f"{api}.Locator" for api in (_ASYNC, _SYNC) for end in ("first", "last")},
}
