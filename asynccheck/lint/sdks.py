"""What the linter knows about the clients of web services (LLM APIs, Slack, Stripe, Docker, cloud storage, Reddit).

Their sync clients make one HTTP request per API call, often through namespaces of resources
(`client.chat.completions.create(...)`, `client.containers.run(...)`): a namespace is modelled as the client's
own type (ITEM_TYPES maps the type to itself), so any public method reached through one is a request. Their
async twins make a coroutine per API call (ACK301 when it is dropped). knowledge.py merges these tables into its
own; the names follow its conventions (canonical qualified names, `<type>.<method>`).
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

from asynccheck.lint import firestore_clients

# Stainless-generated LLM clients (OpenAI, Anthropic, Groq): attributes that are settings, not resources, and the
# methods that make no request.
_LLM_SETTINGS = frozenset(
    "api_key organization project base_url timeout max_retries default_headers default_query auth_headers "
    "custom_auth user_agent platform_headers websocket_base_url webhook_secret auth_token api_version "
    "azure_endpoint region project_id access_token".split()
)
_LLM_LOCAL = frozenset({"with_options", "copy", "close", "is_closed"})
LLM_CLIENTS: Tuple[str, ...] = (
    "openai.OpenAI", "openai.AzureOpenAI",
    "anthropic.Anthropic", "anthropic.AnthropicBedrock", "anthropic.AnthropicVertex",
    "groq.Groq", "together.Together", "cerebras.cloud.sdk.Cerebras",
)
LLM_ASYNC_CLIENTS: Tuple[str, ...] = tuple(
    f"{name.rpartition('.')[0]}.Async{name.rpartition('.')[2]}" for name in LLM_CLIENTS
)

# Google's Gemini SDKs. google-genai: the client's `models`, `files`, `caches`, `batches` and `tunings` namespaces
# send one request per method; `chats.create()` only starts a chat locally, whose `send_message` is a request; the
# same namespaces under `client.aio` are coroutine functions. The older google-generativeai: a `GenerativeModel`'s
# `generate_content` and `count_tokens`, and a chat session's `send_message`, are requests, each with an `_async`
# coroutine twin; `configure()` only stores the key.
GENAI = "google.genai.Client"
GENAI_ASYNC = "google.genai.client.AsyncClient"
_GENAI_NAMESPACES = {"models": "Models", "files": "Files", "caches": "Caches", "batches": "Batches",
                     "tunings": "Tunings", "operations": "Operations"}
GENAI_CHATS, GENAI_CHAT = "google.genai.chats.Chats", "google.genai.chats.Chat"
GENAI_ASYNC_CHATS, GENAI_ASYNC_CHAT = "google.genai.chats.AsyncChats", "google.genai.chats.AsyncChat"
GENERATIVE_MODEL = "google.generativeai.GenerativeModel"
GENERATIVE_CHAT = "google.generativeai.ChatSession"
# PRAW (Reddit): `reddit.subreddit(name)` and `reddit.redditor(name)` are lazy; their listings fetch page after
# page as they are iterated, and submitting or messaging is a request (asyncpraw is the coroutine twin).
PRAW = "praw.Reddit"
PRAW_SUBREDDIT, PRAW_REDDITOR = "praw.models.Subreddit", "praw.models.Redditor"
PRAW_LISTING = "praw.models.ListingGenerator"
_PRAW_LISTINGS = "hot new top rising controversial gilded search comments submissions"

# Cohere's clients (v1 and v2): each API method (`chat`, `embed`, `rerank`...), through its namespaces too
# (`co.datasets.create(...)`), is one request; the async twins' are coroutines.
COHERE_CLIENTS = ("cohere.Client", "cohere.ClientV2")
COHERE_ASYNC_CLIENTS = ("cohere.AsyncClient", "cohere.AsyncClientV2")
_COHERE_SETTINGS = frozenset("api_key base_url environment timeout client_name httpx_client".split())

# Google Sheets through gspread: the helpers that authorize read a key or token file (`oauth()` may also run the
# browser sign-in) and give a client; opening a spreadsheet, reaching its worksheets (`sheet1` is a property that
# fetches the sheet's metadata) and every worksheet method (`append_row`, `get_all_values`, `update`) is a request.
GSPREAD_CLIENT, GSPREAD_SPREADSHEET, GSPREAD_WORKSHEET = "gspread.Client", "gspread.Spreadsheet", "gspread.Worksheet"
_GSPREAD_AUTHORIZERS = ("service_account", "oauth", "service_account_from_dict", "oauth_from_dict", "authorize")
_GSPREAD_OPENERS = ("open", "open_by_key", "open_by_url", "create", "copy")
_GSPREAD_SHEETS = ("worksheet", "get_worksheet", "get_worksheet_by_id", "add_worksheet", "duplicate_sheet")

# Stripe's module-level API: `stripe.Customer.create(...)` is a request (its `*_async` twins are coroutines, see
# knowledge.Knowledge.blocking_code). Stripe objects are dicts: their dict methods read memory.
_STRIPE_RESOURCES = (
    "Account AccountLink ApplicationFee Balance BalanceTransaction Charge Coupon CreditNote Customer Dispute "
    "Event File FileLink Invoice InvoiceItem Mandate PaymentIntent PaymentLink PaymentMethod Payout Plan Price "
    "Product PromotionCode Quote Refund SetupIntent Source Subscription SubscriptionItem SubscriptionSchedule "
    "TaxRate Token Topup Transfer WebhookEndpoint checkout.Session billing_portal.Session"
).split()
_STRIPE_LOCAL = frozenset(
    "construct_from class_url instance_url refresh_from to_dict to_dict_recursive serialize get keys values "
    "items pop setdefault update copy".split()
)

# Google Cloud Storage: a client makes bucket and blob handles without a request (`bucket()`, `blob()`); every
# other public method of the three is one (`generate_signed_url` signs locally).
_GCS = "google.cloud.storage"
_GCS_CLIENT, _GCS_BUCKET, _GCS_BLOB = f"{_GCS}.Client", f"{_GCS}.Bucket", f"{_GCS}.Blob"

# BigQuery: every public method of its client is a request (`dataset()` only makes a reference); a job's methods
# poll the service (`result()` waits for the whole query), but for the callback it registers and its local views.
_BQ = "google.cloud.bigquery"
_BQ_CLIENT = f"{_BQ}.Client"
_BQ_JOBS = {kind: f"{_BQ}.{kind}" for kind in ("QueryJob", "LoadJob", "CopyJob", "ExtractJob")}
_BQ_JOB_LOCAL = frozenset({"add_done_callback", "to_api_repr", "from_api_repr", "running", "cancelled"})

# Pub/Sub: the publisher batches messages and sends them from a thread of its own; `publish()` returns a future
# that thread completes (its `result()` waits for the send, its done-callbacks run there). The subscriber's
# streaming pull runs on threads too; the future `subscribe()` returns ends only when the pull stops.
_PUBSUB = "google.cloud.pubsub_v1"
PUBSUB_PUBLISHER, PUBSUB_SUBSCRIBER = f"{_PUBSUB}.PublisherClient", f"{_PUBSUB}.SubscriberClient"
PUBSUB_PUBLISH_FUTURE = f"{_PUBSUB}.publisher.futures.Future"
PUBSUB_PULL_FUTURE = f"{_PUBSUB}.subscriber.futures.StreamingPullFuture"
# the admin and unary RPCs of the two clients (publish, subscribe and the path helpers make no request)
_PUBSUB_PUBLISHER_RPCS = "create_topic get_topic update_topic delete_topic list_topics list_topic_subscriptions " \
                         "list_topic_snapshots detach_subscription"
_PUBSUB_SUBSCRIBER_RPCS = "create_subscription get_subscription update_subscription delete_subscription " \
                          "list_subscriptions pull acknowledge modify_ack_deadline modify_push_config seek " \
                          "create_snapshot get_snapshot update_snapshot delete_snapshot list_snapshots"

DOCKER_CLIENT = "docker.DockerClient"
# docker-py: the client's collections (`client.containers`) and the objects they fetch (a container, an image...)
# are thin wrappers over the low-level APIClient, itself a requests.Session to the daemon: every method of each
# is a request, but a collection's `prepare_model` and the APIClient's session plumbing. Their properties (`name`,
# `status`, `labels`) read what the last request brought back.
DOCKER_API = "docker.APIClient"
_DOCKER_API_LOCAL = frozenset({"get_adapter", "mount", "reload_config", "close", "api_version", "base_url"})
_DOCKER_KINDS = {
    # client attribute -> (the module of its classes, the object class)
    "containers": ("containers", "Container"), "images": ("images", "Image"), "networks": ("networks", "Network"),
    "volumes": ("volumes", "Volume"), "services": ("services", "Service"), "nodes": ("nodes", "Node"),
    "secrets": ("secrets", "Secret"), "configs": ("configs", "Config"), "plugins": ("plugins", "Plugin"),
}
DOCKER_MODELS = {kind: f"docker.models.{module}.{kind}" for module, kind in _DOCKER_KINDS.values()}
DOCKER_COLLECTIONS = {attr: f"docker.models.{module}.{kind}Collection"
                      for attr, (module, kind) in _DOCKER_KINDS.items()}
DOCKER_SWARM = "docker.models.swarm.Swarm"
# what a collection's calls give: the object they fetch or make
_DOCKER_FETCHES = {
    **{f"{DOCKER_COLLECTIONS[attr]}.get": DOCKER_MODELS[kind] for attr, (_, kind) in _DOCKER_KINDS.items()},
    **{f"{DOCKER_COLLECTIONS[attr]}.create": DOCKER_MODELS[kind] for attr, (_, kind) in _DOCKER_KINDS.items()
       if attr not in ("images", "nodes")},
    f"{DOCKER_COLLECTIONS['containers']}.run": DOCKER_MODELS["Container"],
    f"{DOCKER_COLLECTIONS['images']}.pull": DOCKER_MODELS["Image"],
    f"{DOCKER_COLLECTIONS['plugins']}.install": DOCKER_MODELS["Plugin"],
}

# Hugging Face's inference client: each task method (`chat_completion`, `text_generation`...) and its
# OpenAI-style namespace (`client.chat.completions.create(...)`) is one request; its async twin's are coroutines.
_HF = "huggingface_hub"
_HF_CLIENT, _HF_ASYNC_CLIENT = f"{_HF}.InferenceClient", f"{_HF}.AsyncInferenceClient"
_HF_SETTINGS = frozenset("model provider token api_key headers cookies timeout proxies bill_to base_url".split())

# Notification and messaging services a backend calls from its handlers: Twilio's REST client (its resources are
# reached through namespaces, `client.messages.create(...)`; the `*_async` twins, with an async HTTP client, are
# coroutines), SendGrid's client (`sg.send(mail)`,
# `sg.client.mail.send.post(...)`) and tweepy's v2 client: each call is one request.
TWILIO = "twilio.rest.Client"
_TWILIO = TWILIO
# (a namespace called with a sid, `client.messages(sid)`, makes a context without a request: only these verbs,
# and not their `*_async` twins, are requests)
TWILIO_REQUESTS = "create fetch update delete list stream page get_page"
_TWILIO_SETTINGS = frozenset(
    "username password account_sid auth region edge http_client user_agent_extensions credential_provider".split()
)
_SENDGRID = "sendgrid.SendGridAPIClient"
_SENDGRID_SETTINGS = frozenset("api_key host version impersonate_subuser useragent".split())
_TWEEPY = "tweepy.Client"
# Mailchimp's Marketing and Transactional (Mandrill) clients: every method reached through a namespace
# (`client.lists.add_list_member(...)`, `client.messages.send(...)`) is one request; `set_config` only stores keys.
_MAILCHIMP = ("mailchimp_marketing.Client", "mailchimp_transactional.Client")
_MAILCHIMP_SETTINGS = frozenset({"set_config", "api_client", "api_key", "server"})
# Google Maps' web-service client: each API method (`geocode`, `directions`, `distance_matrix`, `places`...) is
# one request; these only hold settings.
GOOGLEMAPS = "googlemaps.Client"
_GOOGLEMAPS_LOCAL = frozenset({"key", "session", "timeout", "retry_timeout", "queries_quota", "channel", "client_id",
                               "client_secret", "requests_kwargs", "set_experience_id", "get_experience_id",
                               "clear_experience_id", "base_url"})
# Resend's API, resources as classes of the module: `resend.Emails.send(...)` posts at once (requests).
_RESEND_CALLS = {"Emails": "send get cancel update", "Batch": "send", "Contacts": "create get update remove list",
                 "Domains": "create get verify list remove update", "Audiences": "create get remove list",
                 "Broadcasts": "create get update send remove list", "ApiKeys": "create list remove"}
# ElevenLabs' sync client: every method through its namespaces (`client.text_to_speech.convert(...)`) is a request
# (the async client's streaming methods are async generators, not coroutines: it stays out). Voyage AI's client:
# embedding and reranking are requests (`tokenize` and `count_tokens` run locally), coroutines on `AsyncClient`.
# AssemblyAI's transcriber uploads the audio (or sends its URL) and polls until the transcript is ready.
ELEVENLABS = "elevenlabs.ElevenLabs"
_ELEVENLABS_SETTINGS = frozenset({"base_url", "timeout", "api_key", "environment", "httpx_client"})
_VOYAGE_CALLS = "embed rerank multimodal_embed contextualized_embed"
# Mixpanel's client hands each event to its consumer on the calling thread: the default `Consumer` posts it at once,
# a `BufferedConsumer` posts the whole buffer when it fills (every 50 events), both with a blocking request.
MIXPANEL = "mixpanel.Mixpanel"
_MIXPANEL_EVENTS = (
    "track import_data alias merge people_set people_set_once people_increment people_append people_union "
    "people_unset people_remove people_delete people_track_charge people_clear_charges people_update group_set "
    "group_set_once group_union group_unset group_remove group_delete group_update"
)

# Dropbox's SDK: each API method (`files_upload`, `files_list_folder`...) is a request; these make or drop
# clients. Selenium's WebDriver sends each command to the driver service over HTTP and waits for the browser (a
# crawler's `driver.get(url)` waits for the page to load); starting one launches and waits for the browser.
_DROPBOX = "dropbox.Dropbox"
_DROPBOX_TEAM = "dropbox.DropboxTeam"
_DROPBOX_LOCAL = frozenset({"clone", "with_path_root", "close", "as_admin", "as_user"})
WEBDRIVER = "selenium.webdriver.remote.webdriver.WebDriver"
WEB_ELEMENT = "selenium.webdriver.remote.webelement.WebElement"
_BROWSERS = ("Chrome", "ChromiumEdge", "Edge", "Firefox", "Ie", "Safari", "Remote", "WebKitGTK", "WPEWebKit")
_WEBDRIVER_COMMANDS = (
    "get execute execute_script execute_async_script execute_cdp_cmd close quit maximize_window fullscreen_window "
    "minimize_window print_page back forward refresh get_cookies get_cookie delete_cookie delete_all_cookies "
    "add_cookie implicitly_wait set_script_timeout set_page_load_timeout find_element find_elements "
    "get_screenshot_as_file save_screenshot get_screenshot_as_png get_screenshot_as_base64 set_window_size "
    "get_window_size set_window_position get_window_position get_window_rect set_window_rect get_log"
)
_WEB_ELEMENT_COMMANDS = (
    "click submit clear get_property get_dom_attribute get_attribute is_selected is_enabled is_displayed "
    "send_keys value_of_css_property screenshot find_element find_elements"
)
# Firebase Admin: sending a push message, and the user-management calls, are requests to Google's APIs; so is
# checking an ID token or session cookie (it fetches Google's public keys, and with check_revoked the user).
_FIREBASE_CALLS = (
    *(f"messaging.{f}" for f in "send send_all send_each send_multicast send_each_for_multicast "
                                 "subscribe_to_topic unsubscribe_from_topic".split()),
    *(f"auth.{f}" for f in "get_user get_user_by_email get_user_by_phone_number get_users list_users create_user "
                            "update_user delete_user delete_users set_custom_user_claims revoke_refresh_tokens "
                            "generate_password_reset_link generate_email_verification_link "
                            "generate_sign_in_with_email_link create_session_cookie verify_id_token "
                            "verify_session_cookie import_users".split()),
)

CANONICAL: Dict[str, str] = {
    "twilio.rest.client.Client": _TWILIO,
    "sendgrid.sendgrid.SendGridAPIClient": _SENDGRID,
    "tweepy.client.Client": _TWEEPY,
    "mixpanel.mixpanel.Mixpanel": MIXPANEL,
    "googlemaps.client.Client": GOOGLEMAPS,
    "elevenlabs.client.ElevenLabs": ELEVENLABS,
    "voyageai.client.Client": "voyageai.Client", "voyageai.client_async.AsyncClient": "voyageai.AsyncClient",
    "together.client.Together": "together.Together", "together.client.AsyncTogether": "together.AsyncTogether",
    "assemblyai.transcriber.Transcriber": "assemblyai.Transcriber",
    **{f"{client.partition('.')[0]}.api_client.ApiClient": client for client in _MAILCHIMP},
    "openai.Client": "openai.OpenAI", "openai._client.OpenAI": "openai.OpenAI",
    "google.genai.client.Client": GENAI,
    "google.generativeai.generative_models.GenerativeModel": GENERATIVE_MODEL,
    "google.generativeai.generative_models.ChatSession": GENERATIVE_CHAT,
    "praw.reddit.Reddit": PRAW,
    "praw.models.reddit.subreddit.Subreddit": PRAW_SUBREDDIT, "praw.models.reddit.redditor.Redditor": PRAW_REDDITOR,
    "praw.models.listing.generator.ListingGenerator": PRAW_LISTING,
    "openai.AsyncClient": "openai.AsyncOpenAI", "openai._client.AsyncOpenAI": "openai.AsyncOpenAI",
    "openai.lib.azure.AzureOpenAI": "openai.AzureOpenAI", "openai.lib.azure.AsyncAzureOpenAI": "openai.AsyncAzureOpenAI",
    "anthropic.Client": "anthropic.Anthropic", "anthropic._client.Anthropic": "anthropic.Anthropic",
    "anthropic.AsyncClient": "anthropic.AsyncAnthropic", "anthropic._client.AsyncAnthropic": "anthropic.AsyncAnthropic",
    "groq.Client": "groq.Groq", "groq.AsyncClient": "groq.AsyncGroq",
    "slack_sdk.web.WebClient": "slack_sdk.WebClient", "slack_sdk.web.client.WebClient": "slack_sdk.WebClient",
    "slack.WebClient": "slack_sdk.WebClient",
    "slack_sdk.webhook.client.WebhookClient": "slack_sdk.webhook.WebhookClient",
    "slack_sdk.web.async_client.AsyncWebClient": "slack_sdk.AsyncWebClient",
    "slack_sdk.web.AsyncWebClient": "slack_sdk.AsyncWebClient",
    "docker.client.DockerClient": DOCKER_CLIENT, "docker.client.from_env": "docker.from_env",
    "docker.client.from_context": "docker.from_env", "docker.from_context": "docker.from_env",
    "docker.api.APIClient": DOCKER_API, "docker.api.client.APIClient": DOCKER_API,
    "google.cloud.storage.client.Client": _GCS_CLIENT, "google.cloud.storage.bucket.Bucket": _GCS_BUCKET,
    "google.cloud.storage.blob.Blob": _GCS_BLOB,
    "google.cloud.bigquery.client.Client": _BQ_CLIENT,
    **{f"{_BQ}.job.{kind}": name for kind, name in _BQ_JOBS.items()},
    # `from google.cloud import pubsub` re-exports pubsub_v1; the clients' defining modules
    "google.cloud.pubsub": _PUBSUB,
    f"{_PUBSUB}.publisher.client.Client": PUBSUB_PUBLISHER, f"{_PUBSUB}.subscriber.client.Client": PUBSUB_SUBSCRIBER,
    "ollama._client.Client": "ollama.Client", "ollama._client.AsyncClient": "ollama.AsyncClient",
    "requests_oauthlib.OAuth2Session": "requests.Session",
    f"{_HF}.inference._client.InferenceClient": _HF_CLIENT,
    f"{_HF}.inference._generated._async_client.AsyncInferenceClient": _HF_ASYNC_CLIENT,
    "requests_oauthlib.oauth2_session.OAuth2Session": "requests.Session",
    "requests_oauthlib.OAuth1Session": "requests.Session",
    "requests_oauthlib.oauth1_session.OAuth1Session": "requests.Session",
    **{f"authlib.integrations.requests_client.{kind}": "requests.Session"
       for kind in ("OAuth1Session", "OAuth2Session", "AssertionSession")},
    "dropbox.dropbox_client.Dropbox": _DROPBOX, "dropbox.dropbox_client.DropboxTeam": _DROPBOX_TEAM,
    **{f"selenium.webdriver.{name}": WEBDRIVER for name in _BROWSERS},
    **{f"selenium.webdriver.{name.lower()}.webdriver.WebDriver": WEBDRIVER
       for name in ("Chrome", "Edge", "Firefox", "Ie", "Safari", "WebKitGTK", "WPEWebKit")},
    "selenium.webdriver.chromium.webdriver.ChromiumDriver": WEBDRIVER,
    **firestore_clients.CANONICAL,
    "cohere.client.Client": "cohere.Client", "cohere.client.AsyncClient": "cohere.AsyncClient",
    "cohere.client_v2.ClientV2": "cohere.ClientV2", "cohere.client_v2.AsyncClientV2": "cohere.AsyncClientV2",
    "gspread.client.Client": GSPREAD_CLIENT, "gspread.spreadsheet.Spreadsheet": GSPREAD_SPREADSHEET,
    "gspread.worksheet.Worksheet": GSPREAD_WORKSHEET,
}
# Google's API discovery client: `build("gmail", "v1", ...)` makes a resource whose methods make sub-resources
# (`service.users()`) and requests (`.messages().list(userId="me")`) without a round trip; `execute()` sends the
# request and waits for the reply. google-auth's credentials fetch a token on `refresh(Request())`; the OAuth
# installed-app flow serves the browser's redirect and waits for the user to sign in.
_DISCOVERY = "googleapiclient.discovery.Resource"
_GOOGLE_CREDENTIALS = ("google.oauth2.credentials.Credentials", "google.oauth2.service_account.Credentials")
_OAUTH_FLOWS = ("google_auth_oauthlib.flow.InstalledAppFlow", "google_auth_oauthlib.flow.Flow")
# Types every public method of which but these returns another object of the same type: type -> those few.
FLUENT_TYPES: Dict[str, FrozenSet[str]] = {_DISCOVERY: frozenset({"execute", "close"})}
# Selenium's commands, by type: (types, code, methods).
BLOCKING_METHODS = (
    ((_DISCOVERY,), "ACK102", "execute"),
    (_GOOGLE_CREDENTIALS, "ACK102", "refresh"),
    (_OAUTH_FLOWS, "ACK105", "run_local_server run_console"),
    (_OAUTH_FLOWS, "ACK102", "fetch_token"),
    ((WEBDRIVER,), "ACK102", _WEBDRIVER_COMMANDS),
    ((WEB_ELEMENT,), "ACK102", _WEB_ELEMENT_COMMANDS),
    ((PUBSUB_PUBLISH_FUTURE, PUBSUB_PULL_FUTURE), "ACK106", "result exception"),
    ((PUBSUB_PUBLISHER,), "ACK105", _PUBSUB_PUBLISHER_RPCS),
    ((PUBSUB_SUBSCRIBER,), "ACK105", _PUBSUB_SUBSCRIBER_RPCS),
    ((MIXPANEL,), "ACK102", _MIXPANEL_EVENTS),
    (("voyageai.Client",), "ACK102", _VOYAGE_CALLS),
    (("assemblyai.Transcriber",), "ACK102", "transcribe transcribe_group submit submit_group"),
    ((GENAI_CHAT,), "ACK102", "send_message send_message_stream"),
    ((GENERATIVE_MODEL,), "ACK102", "generate_content count_tokens"),
    ((GENERATIVE_CHAT,), "ACK102", "send_message"),
    ((PRAW_SUBREDDIT, PRAW_REDDITOR), "ACK102", "submit submit_image message subscribe unsubscribe"),
    ((PRAW,), "ACK102", "info"),
)

# Module-level calls that are requests: openai's default client (v1) and its pre-1.0 API, ollama's default client.
BLOCKING_FUNCTIONS: Dict[str, str] = {
    **{f"resend.{kind}.{m}": "ACK102" for kind, methods in _RESEND_CALLS.items() for m in methods.split()},
    **{f"openai.{name}": "ACK102" for name in (
        "chat.completions.create", "completions.create", "embeddings.create", "images.generate", "images.edit",
        "moderations.create", "audio.transcriptions.create", "audio.translations.create", "audio.speech.create",
        "responses.create", "files.create", "batches.create",
        "ChatCompletion.create", "Completion.create", "Embedding.create", "Image.create", "Moderation.create",
    )},
    **{f"ollama.{name}": "ACK102" for name in
       "chat generate embed embeddings pull push list show create copy delete ps".split()},
    **{f"firebase_admin.{name}": "ACK102" for name in _FIREBASE_CALLS},
    # starting a browser session launches the driver and the browser and waits for both
    WEBDRIVER: "ACK102",
    # it sleeps for `interval` seconds to measure (with none given it returns at once)
    **{name: "ACK101" for name in ("psutil.cpu_percent", "psutil.cpu_times_percent", "psutil.Process.cpu_percent")},
    # they read the key or secrets file they are given
    **{f"{kind}.{m}": "ACK103" for kind in _GOOGLE_CREDENTIALS
       for m in ("from_authorized_user_file", "from_service_account_file")},
    **{f"{flow}.from_client_secrets_file": "ACK103" for flow in _OAUTH_FLOWS},
    **{f"gspread.{name}": "ACK103" for name in ("service_account", "oauth")},
    # wait for other processes to exit (up to the timeout)
    **{name: "ACK106" for name in ("psutil.Process.wait", "psutil.Popen.wait", "psutil.wait_procs")},
}
# ... of which these block only when given a positive interval: (position, keyword, harmless when)
NON_BLOCKING_ARGS: Dict[str, Tuple[Tuple[Tuple[int, str, str], ...], ...]] = {
    "psutil.cpu_percent": (((0, "interval", "false_or_absent"),),),
    "psutil.cpu_times_percent": (((0, "interval", "false_or_absent"),),),
    "psutil.Process.cpu_percent": (((0, "interval", "false_or_absent"),),),
}

# Types every public method of which is a request, but for the few listed: type -> (code, those few).
BLOCKING_TYPES: Dict[str, Tuple[str, FrozenSet[str]]] = {
    **{name: ("ACK102", _LLM_LOCAL) for name in LLM_CLIENTS},
    "slack_sdk.WebClient": ("ACK102", frozenset()),
    "slack_sdk.webhook.WebhookClient": ("ACK102", frozenset()),
    **{f"stripe.{name}": ("ACK102", _STRIPE_LOCAL) for name in _STRIPE_RESOURCES},
    # webhook payloads are parsed and checked locally
    "stripe.StripeClient": ("ACK102", frozenset({"construct_event", "parse_thin_event", "deserialize"})),
    DOCKER_CLIENT: ("ACK102", frozenset({"close"})),
    DOCKER_API: ("ACK102", _DOCKER_API_LOCAL),
    **{kind: ("ACK102", frozenset({"prepare_model"})) for kind in DOCKER_COLLECTIONS.values()},
    **{kind: ("ACK102", frozenset()) for kind in (*DOCKER_MODELS.values(), DOCKER_SWARM)},
    _GCS_CLIENT: ("ACK102", frozenset({"bucket", "batch", "close"})),
    _GCS_BUCKET: ("ACK102", frozenset({"blob", "batch", "copy", "path_helper", "generate_signed_url"})),
    _GCS_BLOB: ("ACK102", frozenset({"generate_signed_url", "from_string", "path_helper"})),
    "ollama.Client": ("ACK102", frozenset()),
    _HF_CLIENT: ("ACK102", frozenset({"close"})),
    _BQ_CLIENT: ("ACK102", frozenset({"close", "dataset", "schema_from_json", "schema_to_json"})),
    **{name: ("ACK102", _BQ_JOB_LOCAL) for name in _BQ_JOBS.values()},
    _SENDGRID: ("ACK102", frozenset()),
    _TWEEPY: ("ACK102", frozenset()),
    **{client: ("ACK102", _MAILCHIMP_SETTINGS) for client in _MAILCHIMP},
    GOOGLEMAPS: ("ACK102", _GOOGLEMAPS_LOCAL),
    ELEVENLABS: ("ACK102", _ELEVENLABS_SETTINGS),
    **{f"google.genai.{module}.{kind}": ("ACK102", frozenset()) for module, kind in _GENAI_NAMESPACES.items()},
    _DROPBOX: ("ACK102", _DROPBOX_LOCAL),
    _DROPBOX_TEAM: ("ACK102", _DROPBOX_LOCAL),
    **firestore_clients.BLOCKING_TYPES,
    **{name: ("ACK102", frozenset({"close"})) for name in COHERE_CLIENTS},
    GSPREAD_CLIENT: ("ACK102", frozenset({"set_timeout"})),
    GSPREAD_SPREADSHEET: ("ACK102", frozenset()),
    GSPREAD_WORKSHEET: ("ACK102", frozenset()),
}
# a namespace called with a sid gives the context of that one record (`client.calls(sid).update(...)`), whose verbs
# are requests like the namespace's
CALL_RETURNS: Dict[str, str] = {_TWILIO: _TWILIO}
# SDKs whose async twins are methods of the same objects named with an `_async` suffix (`stripe.Customer.create_async`,
# `client.customers.create_async`, Twilio's `client.messages.create_async`): calling one makes a coroutine.
ASYNC_SUFFIXED: FrozenSet[str] = frozenset({*(f"stripe.{name}" for name in _STRIPE_RESOURCES), "stripe.StripeClient",
                                            _TWILIO})
# Objects whose unknown public attributes are resource namespaces of the same kind: type -> (type, attributes
# that are settings instead).
ITEM_TYPES: Dict[str, Tuple[str, FrozenSet[str]]] = {
    **{name: (name, _LLM_SETTINGS) for name in (*LLM_CLIENTS, *LLM_ASYNC_CLIENTS)},
    "stripe.StripeClient": ("stripe.StripeClient", frozenset()),
    _HF_CLIENT: (_HF_CLIENT, _HF_SETTINGS),
    _HF_ASYNC_CLIENT: (_HF_ASYNC_CLIENT, _HF_SETTINGS),
    _TWILIO: (_TWILIO, _TWILIO_SETTINGS),
    _SENDGRID: (_SENDGRID, _SENDGRID_SETTINGS),
    **{client: (client, _MAILCHIMP_SETTINGS) for client in _MAILCHIMP},
    ELEVENLABS: (ELEVENLABS, _ELEVENLABS_SETTINGS),
    **{name: (name, _COHERE_SETTINGS) for name in (*COHERE_CLIENTS, *COHERE_ASYNC_CLIENTS)},
}
# What the rule pages add to a type's row.
TYPE_NOTES: Dict[str, str] = {
    **{name: "reached through its resource namespaces too: `client.chat.completions.create(...)`"
       for name in LLM_CLIENTS},
    "stripe.StripeClient": "reached through its resource namespaces too: `client.customers.create(...)`; the "
                           "`*_async` twins are coroutine functions, ACK301 when dropped",
    DOCKER_CLIENT: "reached through its collections too: `client.containers.run(...)`, and what they fetch: "
                   "`client.containers.get(name).restart()`",
    _HF_CLIENT: "reached through its namespace too: `client.chat.completions.create(...)`",
    _TWILIO: "reached through its resource namespaces too: `client.messages.create(...)`; the `*_async` twins "
             "are coroutine functions, ACK301 when dropped",
    **{name: "reached through its namespaces too: `co.datasets.create(...)`" for name in COHERE_CLIENTS},
    GSPREAD_SPREADSHEET: "its worksheets too: `sh.sheet1.append_row(row)`",
    _SENDGRID: "reached through its namespaces too: `sg.client.mail.send.post(...)`",
    **{client: "reached through its namespaces: `client.lists.add_list_member(...)`" for client in _MAILCHIMP},
}
# Async clients every public method of which (through their namespaces) is a coroutine function, but for these:
# `stream(...)` and `connect(...)` make async context managers.
COROUTINE_TYPES: Dict[str, FrozenSet[str]] = {
    **{name: _LLM_LOCAL - {"close"} | {"stream", "connect"} for name in LLM_ASYNC_CLIENTS},
    "slack_sdk.AsyncWebClient": frozenset(),
    "ollama.AsyncClient": frozenset(),
    _HF_ASYNC_CLIENT: frozenset({"close"}),
    **firestore_clients.COROUTINE_TYPES,
    **{name: frozenset() for name in COHERE_ASYNC_CLIENTS},
    **{f"google.genai.{module}.Async{kind}": frozenset() for module, kind in _GENAI_NAMESPACES.items()},
    GENAI_ASYNC_CHAT: frozenset({"get_history", "record_history"}),
}
# the `_async` twins of google-generativeai's requests
COROUTINE_FUNCTIONS: FrozenSet[str] = frozenset({
    *(f"voyageai.AsyncClient.{m}" for m in _VOYAGE_CALLS.split()),
    f"{GENERATIVE_MODEL}.generate_content_async", f"{GENERATIVE_MODEL}.count_tokens_async",
    f"{GENERATIVE_CHAT}.send_message_async"})
RETURNS: Dict[str, str] = {
    f"{WEBDRIVER}.find_element": WEB_ELEMENT,
    f"{WEB_ELEMENT}.find_element": WEB_ELEMENT,
    WEBDRIVER: WEBDRIVER, _DROPBOX: _DROPBOX, _DROPBOX_TEAM: _DROPBOX_TEAM,
    "docker.from_env": DOCKER_CLIENT,
    DOCKER_CLIENT: DOCKER_CLIENT, DOCKER_API: DOCKER_API,
    **_DOCKER_FETCHES,
    "psutil.Process": "psutil.Process",
    **{f"{_GCS_CLIENT}.{m}": _GCS_BUCKET for m in ("bucket", "get_bucket", "lookup_bucket", "create_bucket")},
    **{f"{_GCS_BUCKET}.{m}": _GCS_BLOB for m in ("blob", "get_blob")},
    f"{_BQ_CLIENT}.query": _BQ_JOBS["QueryJob"],
    **{f"{_BQ_CLIENT}.{m}": _BQ_JOBS["LoadJob"] for m in (
        "load_table_from_uri", "load_table_from_file", "load_table_from_dataframe", "load_table_from_json")},
    f"{_BQ_CLIENT}.copy_table": _BQ_JOBS["CopyJob"],
    f"{_BQ_CLIENT}.extract_table": _BQ_JOBS["ExtractJob"],
    PUBSUB_PUBLISHER: PUBSUB_PUBLISHER, PUBSUB_SUBSCRIBER: PUBSUB_SUBSCRIBER,
    f"{PUBSUB_PUBLISHER}.publish": PUBSUB_PUBLISH_FUTURE,
    f"{PUBSUB_SUBSCRIBER}.subscribe": PUBSUB_PULL_FUTURE,
    **{f"googleapiclient.discovery.{m}": _DISCOVERY for m in ("build", "build_from_document")},
    **{f"{kind}.{m}": kind for kind in _GOOGLE_CREDENTIALS
       for m in ("from_authorized_user_file", "from_authorized_user_info", "from_service_account_file",
                 "from_service_account_info")},
    **{f"{flow}.{m}": flow for flow in _OAUTH_FLOWS for m in ("from_client_secrets_file", "from_client_config")},
    **{f"{flow}.{m}": _GOOGLE_CREDENTIALS[0] for flow in _OAUTH_FLOWS for m in ("run_local_server", "run_console")},
    **firestore_clients.RETURNS,
    **{name: name for name in (*COHERE_CLIENTS, *COHERE_ASYNC_CLIENTS)},
    **{f"gspread.{name}": GSPREAD_CLIENT for name in _GSPREAD_AUTHORIZERS},
    GSPREAD_CLIENT: GSPREAD_CLIENT, GOOGLEMAPS: GOOGLEMAPS, ELEVENLABS: ELEVENLABS,
    "voyageai.Client": "voyageai.Client", "voyageai.AsyncClient": "voyageai.AsyncClient",
    "assemblyai.Transcriber": "assemblyai.Transcriber",
    GENAI: GENAI, GENERATIVE_MODEL: GENERATIVE_MODEL, f"{GENERATIVE_MODEL}.start_chat": GENERATIVE_CHAT,
    f"{GENAI_CHATS}.create": GENAI_CHAT, f"{GENAI_ASYNC_CHATS}.create": GENAI_ASYNC_CHAT,
    PRAW: PRAW, f"{PRAW}.subreddit": PRAW_SUBREDDIT, f"{PRAW}.redditor": PRAW_REDDITOR,
    **{f"{kind}.{m}": PRAW_LISTING for kind in (PRAW_SUBREDDIT, PRAW_REDDITOR) for m in _PRAW_LISTINGS.split()},
    **{f"{GSPREAD_CLIENT}.{m}": GSPREAD_SPREADSHEET for m in _GSPREAD_OPENERS},
    **{f"{GSPREAD_SPREADSHEET}.{m}": GSPREAD_WORKSHEET for m in _GSPREAD_SHEETS},
}
# Futures whose done-callbacks a library's own thread runs: type -> where. (BigQuery's jobs start a thread that
# polls the job when a callback is added.)
THREAD_DONE_CALLBACKS: Dict[str, str] = {
    PUBSUB_PUBLISH_FUTURE: "the Pub/Sub publisher's batch thread (a publish future's done-callbacks)",
    PUBSUB_PULL_FUTURE: "the Pub/Sub subscriber's streaming-pull thread",
    **{name: "the thread google-api-core starts to poll a BigQuery job" for name in _BQ_JOBS.values()},
}

# docker-py's client: its collections, its swarm and its low-level API client are attributes.
PROPERTIES: Dict[str, str] = {
    **{f"{DOCKER_CLIENT}.{attr}": kind for attr, kind in DOCKER_COLLECTIONS.items()},
    f"{DOCKER_CLIENT}.swarm": DOCKER_SWARM,
    f"{DOCKER_CLIENT}.api": DOCKER_API,
    f"{GSPREAD_SPREADSHEET}.sheet1": GSPREAD_WORKSHEET,
    f"{GENAI}.aio": GENAI_ASYNC,
    **{f"{GENAI}.{attr}": f"google.genai.{attr}.{kind}" for attr, kind in _GENAI_NAMESPACES.items()},
    **{f"{GENAI_ASYNC}.{attr}": f"google.genai.{attr}.Async{kind}" for attr, kind in _GENAI_NAMESPACES.items()},
    f"{GENAI}.chats": GENAI_CHATS, f"{GENAI_ASYNC}.chats": GENAI_ASYNC_CHATS,
}
# a listing fetches its pages as it is iterated
BLOCKING_ITERATION: Dict[str, str] = {PRAW_LISTING: "ACK102"}
