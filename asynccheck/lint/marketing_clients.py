"""What the linter knows about the clients of marketing and search data: Google Ads, the Facebook Marketing API,
Google Analytics' Data API (GA4), pytrends, SerpApi, duckduckgo_search and instaloader.

Each is sync and waits for its service on the calling thread: a Google Ads service (`client.get_service(name)`, made
without a request) sends each search or mutation; a Facebook ad object (`AdAccount(id)`) sends each read, listing
and change, while its accessors of what it holds stay local; GA4's data client sends each report (its
`BetaAnalyticsDataAsyncClient` twin makes coroutines); pytrends asks Google for a session cookie when made and
for tokens when a payload is built, then one request per report; SerpApi's search sends its query when results are
asked for; a DDGS session sends each search (`AsyncDDGS`, its twin, makes coroutines); instaloader fetches a
profile or a post when it is looked up, and its loader's downloads and logins are requests. knowledge.py merges
these tables into its own; the names follow its conventions (canonical qualified names, `<type>.<method>`).
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

GOOGLE_ADS = "google.ads.googleads.client.GoogleAdsClient"
GOOGLE_ADS_SERVICE = "google.ads.googleads.Service"
_FB = "facebook_business.adobjects"
_FB_OBJECTS = {kind: f"{_FB}.{kind.lower()}.{kind}" for kind in ("AdAccount", "Campaign", "AdSet", "Ad",
                                                                  "AdCreative", "Business", "User", "Page")}
_FB_LOCAL = frozenset({"get_id", "get_id_assured", "export_all_data", "export_value", "export_data", "export_changed_data",
                       "set_data", "get_endpoint", "get_parent_id", "get_parent_id_assured", "get_node_path",
                       "get_api", "get_api_assured", "assure_call", "Field"})
GA4 = "google.analytics.data_v1beta.BetaAnalyticsDataClient"
GA4_ASYNC = "google.analytics.data_v1beta.BetaAnalyticsDataAsyncClient"
_GA4_LOCAL = frozenset({"transport", "api_endpoint", "universe_domain", "from_service_account_file",
                        "from_service_account_info", "from_service_account_json"})
TRENDS = "pytrends.request.TrendReq"
SERPAPI = "serpapi.GoogleSearch"
DDGS, ASYNC_DDGS = "duckduckgo_search.DDGS", "duckduckgo_search.AsyncDDGS"
INSTALOADER = "instaloader.Instaloader"

CANONICAL: Dict[str, str] = {
    "google.ads.googleads.GoogleAdsClient": GOOGLE_ADS,
    **{f"{_FB}.{kind}": name for kind, name in _FB_OBJECTS.items()},
    "google.analytics.data.BetaAnalyticsDataClient": GA4,
    "google.analytics.data_v1beta.services.beta_analytics_data.BetaAnalyticsDataClient": GA4,
    "google.analytics.data.BetaAnalyticsDataAsyncClient": GA4_ASYNC,
    "pytrends.TrendReq": TRENDS,
    "serpapi.google_search.GoogleSearch": SERPAPI,
    "duckduckgo_search.duckduckgo_search.DDGS": DDGS,
    "duckduckgo_search.duckduckgo_search_async.AsyncDDGS": ASYNC_DDGS,
    "instaloader.instaloader.Instaloader": INSTALOADER,
}
BLOCKING_FUNCTIONS: Dict[str, str] = {
    f"{GOOGLE_ADS}.load_from_storage": "ACK103",
    TRENDS: "ACK102",
    **{f"{SERPAPI}.{m}": "ACK102" for m in ("get_dict", "get_json", "get_html", "get_results", "get_object",
                                            "get_search_archive", "get_account", "get_location")},
    "serpapi.search": "ACK102",
    **{f"instaloader.{kind}.{m}": "ACK102" for kind, methods in (
        ("Profile", "from_username from_id own_profile"), ("Post", "from_shortcode from_mediaid"),
        ("Hashtag", "from_name"), ("StoryItem", "from_mediaid")) for m in methods.split()},
}
BLOCKING_TYPES: Dict[str, Tuple[str, FrozenSet[str]]] = {
    GOOGLE_ADS_SERVICE: ("ACK102", frozenset()),
    **{name: ("ACK102", _FB_LOCAL) for name in _FB_OBJECTS.values()},
    GA4: ("ACK102", _GA4_LOCAL),
    TRENDS: ("ACK102", frozenset({"hl", "tz", "geo", "kw_list", "cookies"})),
    DDGS: ("ACK102", frozenset({"proxy", "timeout", "headers"})),
    INSTALOADER: ("ACK102", frozenset({"context", "format_filename", "close", "dirname_pattern",
                                       "filename_pattern"})),
}
COROUTINE_TYPES: Dict[str, FrozenSet[str]] = {GA4_ASYNC: _GA4_LOCAL, ASYNC_DDGS: frozenset({"proxy", "timeout"})}
RETURNS: Dict[str, str] = {
    GOOGLE_ADS: GOOGLE_ADS, f"{GOOGLE_ADS}.load_from_storage": GOOGLE_ADS, f"{GOOGLE_ADS}.load_from_env": GOOGLE_ADS,
    f"{GOOGLE_ADS}.get_service": GOOGLE_ADS_SERVICE,
    **{name: name for name in (*_FB_OBJECTS.values(), GA4, GA4_ASYNC, TRENDS, SERPAPI, DDGS, ASYNC_DDGS,
                               INSTALOADER)},
}
