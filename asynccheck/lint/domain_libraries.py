"""What the linter knows about the libraries of a few trades: bioinformatics (pysam, Biopython), documents
(WeasyPrint, python-docx), mail authentication (pyspf, dkimpy) and mail clients (aioimaplib, aiosmtplib), media (ffmpeg-python,
aiortc), single sign-on (pysaml2) and directories (python-ldap), and Ethereum (web3.py).

pysam runs samtools and bcftools in the calling process (`pysam.sort(...)` is the whole tool run) and reads its
alignment and variant files as they are iterated. Biopython's Entrez utilities are HTTP requests to NCBI whose
handles are read from the network. WeasyPrint lays out and renders a whole document in `write_pdf()`, fetching
the resources it links; python-docx reads and writes whole packages on disk. pyspf and dkimpy look records up in
DNS. ffmpeg-python's `run()` at the end of a stream chain waits for the ffmpeg process, `probe()` for ffprobe.
pysaml2 signs and verifies with the xmlsec1 program (a child process per message); python-ldap's `*_s` methods are
the synchronous forms of its operations. web3.py's `Web3` sends each JSON-RPC request on the calling thread; its
`AsyncWeb3` twin, aioimaplib's and aiosmtplib's clients and aiortc's peer connection are coroutine functions
throughout (aioimaplib's IMAP4_SSL is an IMAP4).
knowledge.py merges these tables into its own; the names follow its conventions (canonical qualified names,
`<type>.<method>`).
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

ALIGNMENT_FILE = "pysam.AlignmentFile"
VARIANT_FILE = "pysam.VariantFile"
TABIX_FILE = "pysam.TabixFile"
FASTA_FILE = "pysam.FastaFile"
FASTX_FILE = "pysam.FastxFile"
# what `fetch()`/`pileup()` of a pysam file return: the records come off the file as they are iterated
PYSAM_ITERATOR = "pysam.libcalignmentfile.IteratorRow"
LDAP_OBJECT = "ldap.ldapobject.LDAPObject"
SAML_CLIENT = "saml2.client.Saml2Client"
SAML_SERVER = "saml2.server.Server"
WEASY_HTML = "weasyprint.HTML"
WEASY_DOCUMENT = "weasyprint.document.Document"
DOCX_DOCUMENT = "docx.document.Document"
FFMPEG_STREAM = "ffmpeg.nodes.Stream"
WEB3 = "web3.Web3"
WEB3_ETH = "web3.eth.Eth"
ASYNC_WEB3 = "web3.AsyncWeb3"
ASYNC_WEB3_ETH = "web3.eth.AsyncEth"
WEB3_NET = "web3.net.Net"
# a contract's namespaces: `contract.functions.transfer(to, n)` is a bound call, sent by `.call()`/`.transact()`;
# `contract.events.Transfer` an event, whose logs a filter or `get_logs()` asks the node for
WEB3_CONTRACT = "web3.contract.Contract"
WEB3_FUNCTIONS = "web3.contract.ContractFunctions"
WEB3_FUNCTION = "web3.contract.ContractFunction"
WEB3_EVENTS = "web3.contract.ContractEvents"
WEB3_EVENT = "web3.contract.ContractEvent"
WEB3_CALLER = "web3.contract.ContractCaller"
WEB3_CONSTRUCTOR = "web3.contract.ContractConstructor"
IMAP_CLIENTS = ("aioimaplib.IMAP4",)  # (its IMAP4_SSL is one: CANONICAL)
SMTP_CLIENT = "aiosmtplib.SMTP"
PEER_CONNECTION = "aiortc.RTCPeerConnection"

CANONICAL: Dict[str, str] = {
    **{f"pysam.libcalignmentfile.{name}": f"pysam.{name}" for name in ("AlignmentFile",)},
    "pysam.libcbcf.VariantFile": VARIANT_FILE,
    "pysam.libctabix.TabixFile": TABIX_FILE,
    "pysam.libcfaidx.FastaFile": FASTA_FILE,
    "pysam.libcfaidx.FastxFile": FASTX_FILE,
    "pysam.Samfile": ALIGNMENT_FILE,
    "pysam.Fastafile": FASTA_FILE,
    "ldap.ldapobject.SimpleLDAPObject": LDAP_OBJECT,
    "ldap.ldapobject.ReconnectLDAPObject": LDAP_OBJECT,
    "saml2.client_base.Base": SAML_CLIENT,
    "weasyprint.html.HTML": WEASY_HTML,
    "docx.api.Document": "docx.Document",
    "web3.main.Web3": WEB3,
    "web3.main.AsyncWeb3": ASYNC_WEB3,
    "web3.eth.eth.Eth": WEB3_ETH,
    "web3.eth.async_eth.AsyncEth": ASYNC_WEB3_ETH,
    **{f"web3.contract.contract.{kind.rpartition('.')[2]}": kind for kind in (
        WEB3_CONTRACT, WEB3_FUNCTIONS, WEB3_FUNCTION, WEB3_EVENTS, WEB3_EVENT, WEB3_CALLER, WEB3_CONSTRUCTOR)},
    "web3.main.Net": WEB3_NET,
    "aioimaplib.aioimaplib.IMAP4": "aioimaplib.IMAP4",
    "aioimaplib.aioimaplib.IMAP4_SSL": "aioimaplib.IMAP4",
    # a subclass whose methods are its base's: `Union[IMAP4_SSL, IMAP4]` declares one kind of client
    "aioimaplib.IMAP4_SSL": "aioimaplib.IMAP4",
    "aiosmtplib.smtp.SMTP": SMTP_CLIENT,
    "aiosmtplib.api.send": "aiosmtplib.send",
    "aiortc.rtcpeerconnection.RTCPeerConnection": PEER_CONNECTION,
    # ffmpeg-python's nodes: every stream kind chains into the same methods
    **{f"ffmpeg.nodes.{kind}": FFMPEG_STREAM for kind in ("FilterableStream", "OutputStream", "Stream")},
    "ffmpeg._run.run": "ffmpeg.run",
    "ffmpeg._probe.probe": "ffmpeg.probe",
}

# ffmpeg-python: building the graph asks nothing of ffmpeg; these return another node of it
_FFMPEG_BUILDERS = (
    "input output merge_outputs overwrite_output global_args filter filter_ filter_multi_output split asplit "
    "concat overlay trim setpts crop drawbox drawtext hflip vflip hue colorchannelmixer zoompan audio video"
)
RETURNS: Dict[str, str] = {
    **{name: name for name in (ALIGNMENT_FILE, VARIANT_FILE, TABIX_FILE, FASTA_FILE, FASTX_FILE, SAML_CLIENT,
                                SAML_SERVER, WEASY_HTML, WEB3, ASYNC_WEB3, *IMAP_CLIENTS, SMTP_CLIENT,
                                PEER_CONNECTION)},
    **{f"{kind}.{m}": PYSAM_ITERATOR for kind in (ALIGNMENT_FILE, VARIANT_FILE, TABIX_FILE)
       for m in ("fetch", "pileup")},
    "ldap.initialize": LDAP_OBJECT,
    "docx.Document": DOCX_DOCUMENT,
    f"{WEASY_HTML}.render": WEASY_DOCUMENT,
    **{f"ffmpeg.{m}": FFMPEG_STREAM for m in _FFMPEG_BUILDERS.split()},
    **{f"{FFMPEG_STREAM}.{m}": FFMPEG_STREAM for m in _FFMPEG_BUILDERS.split()},
    # an Entrez request's answer: an HTTP response, read from the network
    **{f"Bio.Entrez.{m}": "http.client.HTTPResponse" for m in (
        "efetch esearch epost esummary elink einfo egquery espell ecitmatch").split()},
    "Bio.Blast.NCBIWWW.qblast": "http.client.HTTPResponse",
    f"{WEB3_ETH}.contract": WEB3_CONTRACT,
    f"{WEB3_CONTRACT}.constructor": WEB3_CONSTRUCTOR,
}
PROPERTIES: Dict[str, str] = {f"{WEB3}.eth": WEB3_ETH, f"{ASYNC_WEB3}.eth": ASYNC_WEB3_ETH, f"{WEB3}.net": WEB3_NET,
                              f"{WEB3_CONTRACT}.functions": WEB3_FUNCTIONS, f"{WEB3_CONTRACT}.events": WEB3_EVENTS,
                              f"{WEB3_CONTRACT}.caller": WEB3_CALLER}
# a contract's function and event namespaces: any public attribute is one of the contract's functions (events)
ITEM_TYPES: Dict[str, Tuple[str, FrozenSet[str]]] = {
    WEB3_FUNCTIONS: (WEB3_FUNCTION, frozenset({"abi", "address", "w3"})),
    WEB3_EVENTS: (WEB3_EVENT, frozenset({"abi", "address", "w3"})),
}
# calling a bound function (an event) with its arguments gives the same kind of object, with them bound
CALL_RETURNS: Dict[str, str] = {WEB3_FUNCTION: WEB3_FUNCTION, WEB3_EVENT: WEB3_EVENT}
# Properties of library objects whose read is a request (`w3.eth.block_number`, `ticker.info`): type.attr -> code.
BLOCKING_PROPERTIES: Dict[str, str] = {
    **{f"{WEB3_ETH}.{p}": "ACK102" for p in (
        "accounts blob_base_fee block_number chain_id gas_price max_priority_fee syncing hashrate mining "
        "coinbase").split()},
    **{f"{WEB3_NET}.{p}": "ACK102" for p in ("listening", "peer_count", "version")},
}

# pysam's wrappers of samtools and bcftools commands, on the package and on its two command modules: each call is
# the tool's whole run, in this process
_SAMTOOLS = (
    "addreplacerg ampliconclip ampliconstats bam2fq bamshuf bedcov calmd cat collate coverage depad depth dict "
    "faidx fasta fastq fixmate flags flagstat fqidx idxstats index markdup merge mpileup phase quickcheck "
    "reheader samples sort split stats targetcut tview view consensus reference import_ fqimport"
)
_BCFTOOLS = "annotate call cnv concat consensus convert csq filter gtcheck index isec merge mpileup norm " \
            "plugin query reheader roh sort stats view"
_PYSNMP_SYNC = ("pysnmp.hlapi", "pysnmp.hlapi.v1arch", "pysnmp.hlapi.v3arch", "pysnmp.hlapi.asyncore.sync",
                "pysnmp.hlapi.v1arch.asyncore.sync", "pysnmp.hlapi.v3arch.asyncore.sync",
                "pysnmp.hlapi.asyncore.sync.cmdgen", "pysnmp.hlapi.v1arch.asyncore.sync.cmdgen",
                "pysnmp.hlapi.v3arch.asyncore.sync.cmdgen", "pysnmp.entity.rfc3413.oneliner.cmdgen.CommandGenerator")
_PYSNMP_COMMANDS = ("getCmd", "nextCmd", "bulkCmd", "setCmd", "sendNotification")
BLOCKING_FUNCTIONS: Dict[str, str] = {
    **{f"pysam.{m}": "ACK104" for m in _SAMTOOLS.split()},
    **{f"pysam.samtools.{m}": "ACK104" for m in _SAMTOOLS.split()},
    **{f"pysam.bcftools.{m}": "ACK104" for m in _BCFTOOLS.split()},
    # bgzip compression and tabix indexing of a file on disk
    "pysam.tabix_index": "ACK103", "pysam.tabix_compress": "ACK103",
    **{f"Bio.Entrez.{m}": "ACK102" for m in (
        "efetch esearch epost esummary elink einfo egquery espell ecitmatch").split()},
    "Bio.Blast.NCBIWWW.qblast": "ACK102",
    # pyspf and dkimpy: SPF, DKIM and ARC checks look the sender's records up in DNS
    "spf.check": "ACK105", "spf.check2": "ACK105", "spf.query.check": "ACK105",
    "dkim.verify": "ACK105", "dkim.arc_verify": "ACK105", "dkim.DKIM.verify": "ACK105",
    "dkim.ARC.verify": "ACK105",
    # reading and writing a whole .docx package on disk
    "docx.Document": "ACK103", f"{DOCX_DOCUMENT}.save": "ACK103",
    # layout and rendering of the whole document (and the fetching of what it links)
    f"{WEASY_HTML}.write_pdf": "ACK109", f"{WEASY_HTML}.render": "ACK109",
    f"{WEASY_DOCUMENT}.write_pdf": "ACK109",
    # ffmpeg and ffprobe run as child processes, waited for
    "ffmpeg.run": "ACK104", "ffmpeg.probe": "ACK104", f"{FFMPEG_STREAM}.run": "ACK104",
    # python-ldap: the synchronous form of each operation waits for the server's answer
    **{f"{LDAP_OBJECT}.{m}": "ACK105" for m in (
        "simple_bind_s bind_s sasl_bind_s sasl_interactive_bind_s sasl_non_interactive_bind_s sasl_external_bind_s "
        "sasl_gssapi_bind_s search_s search_st search_ext_s add_s add_ext_s modify_s modify_ext_s delete_s "
        "delete_ext_s modrdn_s rename_s compare_s compare_ext_s unbind_s unbind_ext_s whoami_s passwd_s "
        "start_tls_s cancel_s extop_s read_s read_subschemasubentry_s find_unique_entry read_rootdse_s "
        "get_naming_contexts result result2 result3 result4").split()},
    # web3.py: a contract function's call, transaction and gas estimate (and its nonce and gas, for a built
    # transaction) are JSON-RPC requests; so are an event's log queries and filters, and the Web3's own checks
    **{f"{kind}.{m}": "ACK102" for kind in (WEB3_FUNCTION, WEB3_CONSTRUCTOR)
       for m in ("call", "transact", "estimate_gas", "build_transaction")},
    **{f"{WEB3_EVENT}.{m}": "ACK102" for m in ("get_logs", "create_filter")},
    f"{WEB3}.is_connected": "ACK102",
    # pysam opens the file (or the remote index) and reads its header when the object is made
    **{kind: "ACK103" for kind in (ALIGNMENT_FILE, VARIANT_FILE, TABIX_FILE, FASTA_FILE, FASTX_FILE)},
    # pysnmp's synchronous high-level API: each command is a generator whose every step sends a request and waits
    # for the agent's answer (its asyncore variants take callbacks instead, its asyncio ones are coroutines)
    **{f"{module}.{cmd}": "ACK105" for module in _PYSNMP_SYNC for cmd in _PYSNMP_COMMANDS},
    # pysaml2: building, signing and checking a SAML message runs xmlsec1 (the `do_*` ones also send it)
    **{f"{SAML_CLIENT}.{m}": "ACK104" for m in (
        "prepare_for_authenticate prepare_for_negotiated_authenticate global_logout do_logout handle_logout_request "
        "handle_logout_response do_authz_decision_query do_assertion_id_request do_authn_query do_attribute_query "
        "create_authn_request create_attribute_query create_authz_decision_query "
        "create_authz_decision_query_using_assertion create_assertion_id_request create_authn_query "
        "create_name_id_mapping_request create_ecp_authn_request create_logout_request parse_authn_request_response "
        "parse_authz_decision_query_response parse_authn_query_response parse_assertion_id_request_response "
        "parse_attribute_query_response parse_name_id_mapping_request_response parse_ecp_authn_response "
        "parse_logout_request_response parse_logout_request").split()},
    **{f"{SAML_SERVER}.{m}": "ACK104" for m in (
        "parse_authn_request parse_logout_request parse_attribute_query parse_authz_decision_query "
        "create_authn_response create_attribute_response create_logout_response create_error_response "
        "create_authn_request_response create_assertion_id_request_response create_name_id_mapping_response "
        "handle_logout_request").split()},
}
# Whole packages read by a call that hands them a stream (an Entrez answer is an HTTP response: read over the net)
STREAM_ARGUMENTS: Dict[str, Tuple[int, str]] = {
    "Bio.Entrez.read": (0, "source"), "Bio.Entrez.parse": (0, "source"), "Bio.SeqIO.read": (0, "handle"),
    "Bio.Medline.read": (0, "handle"), "Bio.Blast.NCBIXML.read": (0, "handle"),
}
# pysam's files read their records from disk (or a remote index's server) as they are iterated
BLOCKING_ITERATION: Dict[str, str] = {
    name: "ACK103" for name in (ALIGNMENT_FILE, VARIANT_FILE, TABIX_FILE, FASTX_FILE, PYSAM_ITERATOR)
}
# sync web3.py: every method of `w3.eth` is a JSON-RPC request, but for these, which build objects
BLOCKING_TYPES: Dict[str, Tuple[str, FrozenSet[str]]] = {
    WEB3_ETH: ("ACK102", frozenset("contract set_contract_factory get_proof_munger account".split())),
    # `contract.caller.balanceOf(owner)`: every function of the caller is a call sent to the node
    WEB3_CALLER: ("ACK102", frozenset()),
}
COROUTINE_TYPES: Dict[str, FrozenSet[str]] = {
    ASYNC_WEB3_ETH: BLOCKING_TYPES[WEB3_ETH][1],
}
COROUTINE_FUNCTIONS: FrozenSet[str] = frozenset(
    f"{kind}.{m}" for kinds, methods in (
        # (`idle_done()`, `has_capability()`, `has_pending_idle()` and `get_state()` are plain)
        (IMAP_CLIENTS, "wait_hello_from_server login xoauth2 logout select search uid_search uid store copy expunge "
                       "fetch idle stop_wait_server_push wait_server_push idle_start id namespace noop check examine "
                       "status subscribe unsubscribe lsub create delete rename getquotaroot list append close move "
                       "enable"),
        ((PEER_CONNECTION,), "addIceCandidate close createAnswer createOffer getStats setLocalDescription "
                             "setRemoteDescription"),
        # (`close()`, `is_connected` and `supports_extension()` are plain)
        ((SMTP_CLIENT,), "connect quit login auth_login auth_plain auth_crammd5 auth_xoauth2 ehlo helo starttls noop "
                         "rset vrfy expn help mail rcpt data sendmail send_message execute_command"),
    ) for kind in kinds for m in methods.split()
) | frozenset({"aiosmtplib.send"})
