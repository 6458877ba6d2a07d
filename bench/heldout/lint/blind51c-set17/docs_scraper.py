"""A document intelligence service: fetch pages and files, extract text, render reports."""
from __future__ import annotations

import asyncio
from typing import Any

import cloudscraper
import mechanicalsoup
import pdfkit
import pdfplumber
import pypandoc
import pytesseract
import trafilatura
from curl_cffi import requests as curl_requests
from newspaper import Article
from pdf2image import convert_from_path
from PIL import Image
from weasyprint import HTML


async def fetch_protected(url: str) -> str:  # expect: blocking-call
    scraper = cloudscraper.create_scraper()
    return scraper.get(url).text


async def fetch_impersonating(url: str) -> str:  # expect: blocking-call
    return curl_requests.get(url, impersonate="chrome").text


async def fetch_impersonating_async(url: str) -> str:  # expect: clean  # near: blocking-call
    async with curl_requests.AsyncSession() as session:
        return (await session.get(url, impersonate="chrome")).text


async def login(url: str, user: str, password: str) -> str:  # expect: blocking-call
    browser = mechanicalsoup.StatefulBrowser()
    browser.open(url)
    browser.select_form('form[action="/login"]')
    browser["username"], browser["password"] = user, password
    return browser.submit_selected().url


async def main_text(url: str) -> str | None:  # expect: blocking-call
    downloaded = trafilatura.fetch_url(url)
    return trafilatura.extract(downloaded) if downloaded else None


async def main_text_of(html: str) -> str | None:  # expect: clean  # near: blocking-call
    return trafilatura.extract(html)


async def article(url: str) -> str:  # expect: blocking-call
    a = Article(url)
    a.download()
    a.parse()
    return a.text


async def ocr(image: Image.Image) -> str:  # expect: blocking-call
    return pytesseract.image_to_string(image)


async def pdf_text(path: str) -> str:  # expect: blocking-call
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


async def pdf_pages(path: str) -> list[Any]:  # expect: blocking-call
    return convert_from_path(path, dpi=150)


async def to_docx(markdown_path: str, out: str) -> None:  # expect: blocking-call
    pypandoc.convert_file(markdown_path, "docx", outputfile=out)


async def render_pdf(html: str, out: str) -> None:  # expect: blocking-call
    HTML(string=html).write_pdf(out)


async def render_pdf_offloaded(html: str, out: str) -> None:  # expect: clean  # near: blocking-call
    await asyncio.to_thread(HTML(string=html).write_pdf, out)


async def render_pdf_wkhtml(html: str, out: str) -> None:  # expect: blocking-call
    pdfkit.from_string(html, out)
