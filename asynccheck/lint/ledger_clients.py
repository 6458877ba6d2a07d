"""What the linter knows about the SDKs of accounting ledgers: python-quickbooks (QuickBooks Online) and xero-python.

python-quickbooks' objects (`Customer`, `Invoice`, ...) query the company through the client they are handed
(`Customer.filter(DisplayName=name, qb=client)`, `Invoice.where(...)`, `Invoice.get(id, qb=client)`) and save,
delete, void or send themselves with one request each; the client's own query and report methods are requests too.
xero-python's API classes (`AccountingApi(api_client)`, `IdentityApi`, `PayrollAuApi`...) are generated: every
public method but the few that build URLs sends one request through urllib3 and waits for it.
(Odoo's external API is `xmlrpc.client.ServerProxy`, which knowledge.py knows already.)
knowledge.py merges these tables into its own; the names follow its conventions (canonical qualified names,
`<type>.<method>`).
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

QUICKBOOKS = "quickbooks.QuickBooks"
# the objects most code names (one module each under quickbooks.objects, named for the class in lower case)
_QBO_OBJECTS = (
    "Account Bill BillPayment Customer CreditMemo Deposit Employee Estimate Invoice Item JournalEntry Payment "
    "PaymentMethod Purchase PurchaseOrder RefundReceipt SalesReceipt TaxCode TaxRate Term TimeActivity Transfer "
    "Vendor VendorCredit Department Class CompanyInfo Attachable Budget"
).split()
QBO_OBJECTS = tuple(f"quickbooks.objects.{kind.lower()}.{kind}" for kind in _QBO_OBJECTS)
_QBO_CLASS_QUERIES = "all filter where query get count choose"
_QBO_INSTANCE_REQUESTS = "save delete void send download_pdf"
_QBO_CLIENT_REQUESTS = ("query get_single_object create_object update_object delete_object batch_operation "
                        "misc_operation download_pdf get_report change_data_capture get_current_user "
                        "make_request process_request")

_XERO_APIS = {
    "accounting": "AccountingApi", "identity": "IdentityApi", "assets": "AssetApi", "project": "ProjectApi",
    "payrollau": "PayrollAuApi", "payrollnz": "PayrollNzApi", "payrolluk": "PayrollUkApi", "file": "FilesApi",
    "finance": "FinanceApi", "appstore": "AppStoreApi",
}
XERO_APIS = tuple(f"xero_python.{module}.{kind}" for module, kind in _XERO_APIS.items())
_XERO_LOCAL = frozenset({"api_client", "base_url", "get_resource_url", "get_model_finder"})

CANONICAL: Dict[str, str] = {
    "quickbooks.client.QuickBooks": QUICKBOOKS,
    **{f"quickbooks.objects.{name.rpartition('.')[2]}": name for name in QBO_OBJECTS},
    **{f"xero_python.{module}.api.{''.join(('_' + c.lower()) if c.isupper() else c for c in kind).lstrip('_')}."
       f"{kind}": f"xero_python.{module}.{kind}" for module, kind in _XERO_APIS.items()},
}
BLOCKING_FUNCTIONS: Dict[str, str] = {
    **{f"{kind}.{m}": "ACK102" for kind in QBO_OBJECTS for m in _QBO_CLASS_QUERIES.split()},
}
BLOCKING_METHODS: Tuple[Tuple[Tuple[str, ...], str, str], ...] = (
    (QBO_OBJECTS, "ACK102", _QBO_INSTANCE_REQUESTS),
    ((QUICKBOOKS,), "ACK102", _QBO_CLIENT_REQUESTS),
)
BLOCKING_TYPES: Dict[str, Tuple[str, FrozenSet[str]]] = {api: ("ACK102", _XERO_LOCAL) for api in XERO_APIS}
RETURNS: Dict[str, str] = {
    QUICKBOOKS: QUICKBOOKS,
    **{kind: kind for kind in QBO_OBJECTS},
    **{f"{kind}.get": kind for kind in QBO_OBJECTS},
    **{api: api for api in XERO_APIS},
}
