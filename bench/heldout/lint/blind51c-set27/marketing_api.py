"""A marketing dashboard API: ads, analytics, search trends and web search for an agent's tools."""
from __future__ import annotations

import asyncio
from typing import Any

import instaloader
from duckduckgo_search import DDGS
from facebook_business.adobjects.adaccount import AdAccount
from google.ads.googleads.client import GoogleAdsClient
from google.analytics.data_v1beta import BetaAnalyticsDataClient
from google.analytics.data_v1beta.types import RunReportRequest
from pytrends.request import TrendReq
from serpapi import GoogleSearch


async def ad_spend(client: GoogleAdsClient, customer_id: str) -> list[Any]:  # expect: blocking-call
    service = client.get_service("GoogleAdsService")
    return list(service.search(customer_id=customer_id, query="SELECT metrics.cost_micros FROM customer"))


async def fb_insights(account_id: str) -> list[Any]:  # expect: blocking-call
    return list(AdAccount(account_id).get_insights(fields=["spend", "impressions"]))


async def sessions(client: BetaAnalyticsDataClient, request: RunReportRequest) -> Any:  # expect: blocking-call
    return client.run_report(request)


async def trend(keyword: str) -> Any:  # expect: blocking-call
    pytrends = TrendReq(hl="en-US")
    pytrends.build_payload([keyword], timeframe="today 3-m")
    return pytrends.interest_over_time()


async def serp(query: str, key: str) -> dict[str, Any]:  # expect: blocking-call
    return GoogleSearch({"q": query, "api_key": key}).get_dict()


async def web_search(query: str) -> list[dict[str, Any]]:  # expect: blocking-call
    with DDGS() as ddgs:
        return list(ddgs.text(query, max_results=5))


async def web_search_offloaded(query: str) -> list[dict[str, Any]]:  # expect: clean  # near: blocking-call
    def run() -> list[dict[str, Any]]:
        with DDGS() as ddgs:
            return list(ddgs.text(query, max_results=5))

    return await asyncio.to_thread(run)


async def profile_posts(loader: instaloader.Instaloader, user: str) -> int:  # expect: blocking-call
    profile = instaloader.Profile.from_username(loader.context, user)
    return profile.mediacount
