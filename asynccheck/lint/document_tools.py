"""What the linter knows about the tools of document pipelines: fetching pages past bot walls and logins
(cloudscraper, curl_cffi, MechanicalSoup, trafilatura's and newspaper's downloaders), reading text out of PDFs and
images (pdfplumber, pdf2image, pytesseract) and converting documents (pypandoc).

cloudscraper's scraper is a `requests.Session`; curl_cffi's `requests` module and its `Session` mirror requests'
(its `AsyncSession` makes coroutines); a MechanicalSoup browser fetches each page it opens or submits with its
requests session. trafilatura's `fetch_url` and a newspaper `Article`'s `download()` fetch the page (their
`extract()` and `parse()` then work on it in memory). pdfplumber opens and parses the file; pdf2image runs
poppler's `pdftoppm` (or reads the bytes it is handed, `convert_from_bytes`, still through that program);
pytesseract runs the `tesseract` program on the image; pypandoc runs `pandoc`. knowledge.py merges these tables
into its own; the names follow its conventions (canonical qualified names, `<type>.<method>`).
"""
from __future__ import annotations

from typing import Dict, Tuple

_CURL = "curl_cffi.requests"
CURL_SESSION = f"{_CURL}.Session"
_HTTP_VERBS = ("get", "post", "put", "patch", "delete", "head", "options", "request")
MECHANICAL_BROWSER = "mechanicalsoup.StatefulBrowser"
NEWSPAPER_ARTICLE = "newspaper.Article"
_TESSERACT = ("image_to_string", "image_to_data", "image_to_boxes", "image_to_osd", "image_to_pdf_or_hocr",
              "image_to_alto_xml", "get_tesseract_version", "get_languages")

CANONICAL: Dict[str, str] = {
    "cloudscraper.CloudScraper": "requests.Session",
    f"{_CURL}.session.Session": CURL_SESSION,
    "mechanicalsoup.stateful_browser.StatefulBrowser": MECHANICAL_BROWSER,
    "mechanicalsoup.browser.Browser": "mechanicalsoup.Browser",
    "newspaper.article.Article": NEWSPAPER_ARTICLE,
    "pytesseract.pytesseract": "pytesseract",
    "pdfplumber.pdf.PDF": "pdfplumber.PDF",
}
BLOCKING_FUNCTIONS: Dict[str, str] = {
    **{f"{_CURL}.{verb}": "ACK102" for verb in _HTTP_VERBS},
    **{f"{CURL_SESSION}.{verb}": "ACK102" for verb in _HTTP_VERBS},
    **{f"{kind}.{m}": "ACK102" for kind in (MECHANICAL_BROWSER, "mechanicalsoup.Browser")
       for m in ("open", "submit", "submit_selected", "follow_link", "download_link", "refresh", "get", "post",
                 "request")},
    "trafilatura.fetch_url": "ACK102", "trafilatura.fetch_response": "ACK102",
    "trafilatura.downloads.fetch_url": "ACK102",
    f"{NEWSPAPER_ARTICLE}.download": "ACK102", "newspaper.build": "ACK102",
    **{f"pytesseract.{f}": "ACK104" for f in _TESSERACT},
    "pdfplumber.open": "ACK103",
    **{f"pdf2image.{f}": "ACK104" for f in ("convert_from_path", "convert_from_bytes", "pdfinfo_from_path")},
    **{f"pypandoc.{f}": "ACK104" for f in ("convert_file", "convert_text")},
}
# `pdfplumber.open(io.BytesIO(blob))` parses a buffer: no file
NON_BLOCKING_ARGS: Dict[str, Tuple[Tuple[Tuple[int, str, str], ...], ...]] = {
    "pdfplumber.open": (((0, "path_or_fp", "memory"),),),
}
RETURNS: Dict[str, str] = {
    "cloudscraper.create_scraper": "requests.Session",
    CURL_SESSION: CURL_SESSION, MECHANICAL_BROWSER: MECHANICAL_BROWSER, NEWSPAPER_ARTICLE: NEWSPAPER_ARTICLE,
    "pdfplumber.open": "pdfplumber.PDF",
}
