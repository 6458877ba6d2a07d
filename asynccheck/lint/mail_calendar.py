"""What the linter knows about the sync clients of mailboxes and calendars beyond the standard library's: imap_tools,
IMAPClient, exchangelib, caldav and python-o365.

An imap_tools `MailBox(host)` and an `IMAPClient(host)` connect when made; logging in, selecting a folder,
searching and fetching are round trips to the server (`mailbox.fetch()` fetches message by message as it is
iterated). An exchangelib `Account` made with `autodiscover=True` asks the autodiscover service first; a folder's
query set (`account.inbox.all().order_by(...)`) is built without a request and fetched as it is iterated. A caldav
client asks the server for the principal and its calendars, and each calendar's searches and saves are requests.
python-o365's schedule hands out calendars with a request each, and a calendar's events are fetched page by page.
knowledge.py merges these tables into its own; the names follow its conventions (canonical qualified names,
`<type>.<method>`).
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

MAILBOX = "imap_tools.MailBox"
IMAPCLIENT = "imapclient.IMAPClient"
EXCHANGE_ACCOUNT = "exchangelib.Account"
EXCHANGE_FOLDER = "exchangelib.folders.Folder"
EXCHANGE_QUERY = "exchangelib.queryset.QuerySet"
_EXCHANGE_FOLDERS = ("inbox", "sent", "drafts", "trash", "junk", "outbox", "calendar", "contacts", "tasks", "root",
                     "msg_folder_root", "archive_inbox")
_EXCHANGE_RUNS = frozenset({"get", "count", "exists", "delete", "send", "move", "copy", "archive", "mark_as_junk"})
CALDAV, CALDAV_PRINCIPAL, CALDAV_CALENDAR = "caldav.DAVClient", "caldav.Principal", "caldav.Calendar"
_CALDAV_SETTINGS = frozenset({"url", "username", "password", "auth", "session", "headers", "proxy", "timeout",
                              "name", "id", "client", "parent"})
O365_ACCOUNT, O365_SCHEDULE, O365_CALENDAR = "O365.Account", "O365.calendar.Schedule", "O365.calendar.Calendar"
_O365_LOCAL = frozenset({"new_event", "new_calendar", "name", "calendar_id", "owner", "main_resource", "con",
                         "protocol", "build_url", "new_query", "q"})

CANONICAL: Dict[str, str] = {
    "imap_tools.mailbox.MailBox": MAILBOX, "imapclient.imapclient.IMAPClient": IMAPCLIENT,
    "exchangelib.account.Account": EXCHANGE_ACCOUNT,
    "caldav.davclient.DAVClient": CALDAV, "caldav.objects.Principal": CALDAV_PRINCIPAL,
    "caldav.objects.Calendar": CALDAV_CALENDAR, "caldav.collection.Principal": CALDAV_PRINCIPAL,
    "caldav.collection.Calendar": CALDAV_CALENDAR,
    "O365.account.Account": O365_ACCOUNT, "O365.Schedule": O365_SCHEDULE, "O365.Calendar": O365_CALENDAR,
}
BLOCKING_FUNCTIONS: Dict[str, str] = {
    MAILBOX: "ACK105", IMAPCLIENT: "ACK105", EXCHANGE_ACCOUNT: "ACK102",
    **{f"{EXCHANGE_QUERY}.{m}": "ACK102" for m in _EXCHANGE_RUNS},
    f"{O365_ACCOUNT}.authenticate": "ACK102",
}
# `Account(..., autodiscover=False)` (with a configuration given) asks nothing when made
NON_BLOCKING_ARGS: Dict[str, Tuple[Tuple[Tuple[int, str, str], ...], ...]] = {
    EXCHANGE_ACCOUNT: (((-1, "autodiscover", "false_or_absent"),),),
}
BLOCKING_TYPES: Dict[str, Tuple[str, FrozenSet[str]]] = {
    MAILBOX: ("ACK105", frozenset({"folder", "client", "idle"})),
    IMAPCLIENT: ("ACK105", frozenset({"host", "port", "ssl", "use_uid", "normalise_times", "folder_encode"})),
    CALDAV: ("ACK102", _CALDAV_SETTINGS), CALDAV_PRINCIPAL: ("ACK102", _CALDAV_SETTINGS),
    CALDAV_CALENDAR: ("ACK102", _CALDAV_SETTINGS),
    O365_SCHEDULE: ("ACK102", _O365_LOCAL), O365_CALENDAR: ("ACK102", _O365_LOCAL),
}
BLOCKING_ITERATION: Dict[str, str] = {EXCHANGE_QUERY: "ACK102"}
# a folder's query methods and a query set's refinements give a query set, built without a request
FLUENT_TYPES: Dict[str, FrozenSet[str]] = {EXCHANGE_QUERY: _EXCHANGE_RUNS}
RETURNS: Dict[str, str] = {
    MAILBOX: MAILBOX, f"{MAILBOX}.login": MAILBOX, f"{MAILBOX}.xoauth2": MAILBOX, IMAPCLIENT: IMAPCLIENT,
    EXCHANGE_ACCOUNT: EXCHANGE_ACCOUNT,
    **{f"{EXCHANGE_FOLDER}.{m}": EXCHANGE_QUERY for m in ("all", "filter", "exclude", "none", "people")},
    CALDAV: CALDAV, f"{CALDAV}.principal": CALDAV_PRINCIPAL,
    **{f"{CALDAV_PRINCIPAL}.{m}": CALDAV_CALENDAR for m in ("calendar", "make_calendar")},
    O365_ACCOUNT: O365_ACCOUNT, f"{O365_ACCOUNT}.schedule": O365_SCHEDULE,
    **{f"{O365_SCHEDULE}.{m}": O365_CALENDAR for m in ("get_default_calendar", "get_calendar", "new_calendar")},
}
PROPERTIES: Dict[str, str] = {f"{EXCHANGE_ACCOUNT}.{folder}": EXCHANGE_FOLDER for folder in _EXCHANGE_FOLDERS}
