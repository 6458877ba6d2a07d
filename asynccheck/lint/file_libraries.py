"""What the linter knows about libraries that keep their data in a file of their own or lock one: PDF documents
(pypdf and its older name PyPDF2, PyMuPDF, ReportLab's canvas and platypus documents, pdfkit), spreadsheets
(XlsxWriter, xlrd), figures saved by matplotlib, qrcode images, gTTS speech files, libmagic's sniffing
(python-magic), dotenv files, TinyDB and diskcache stores, files on SMB shares (smbprotocol's smbclient), numpy
arrays written to a file of their own, and inter-process file locks (portalocker, fasteners).

A `PdfReader` parses the file's cross-reference table when it is made, and PyMuPDF's `open()` maps and parses
the document; their writers write it whole. XlsxWriter builds the workbook in memory and zips it to its file in
`close()`; ReportLab's canvas writes its PDF in `save()`, a platypus document in `build()`, matplotlib a figure
in `savefig()`. pdfkit runs the wkhtmltopdf program and waits for it; gTTS asks Google's service for the speech
before it writes the file. python-magic reads the file's head to sniff it; `load_dotenv()` reads the file (and,
given no path, looks for one up the directory tree). TinyDB's default storage reads the JSON file on every query
and rewrites it on every change; diskcache keeps its keys in SQLite and its large values in files. The lock
libraries poll the file lock until it is free, sleeping between tries: entering one waits on the calling thread
for as long as another process holds it. Each of them, handed an in-memory buffer instead of a path, touches no
disk.
knowledge.py merges these tables into its own; the names follow its conventions (canonical qualified names,
`<type>.<method>`).
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

PDF_READER, PDF_WRITER = "pypdf.PdfReader", "pypdf.PdfWriter"
MUPDF_DOCUMENT = "pymupdf.Document"
XLSX_WORKBOOK = "xlsxwriter.Workbook"
QR_IMAGE = "qrcode.image.base.BaseImage"
RL_CANVAS = "reportlab.pdfgen.canvas.Canvas"
# ReportLab's platypus documents lay out their story and write the PDF to the file they are named in `build()`
RL_DOC = "reportlab.platypus.BaseDocTemplate"
FIGURE = "matplotlib.figure.Figure"
TINYDB, TINYDB_TABLE = "tinydb.TinyDB", "tinydb.table.Table"
DISKCACHE = "diskcache.Cache"
PORTALOCKER, FASTENERS = "portalocker.Lock", "fasteners.InterProcessLock"
NDARRAY = "numpy.ndarray"
# what an array's own methods give: another array (numpy's module functions are read from their calls' arguments)
_NDARRAY_MAKERS = "astype copy reshape ravel flatten view transpose squeeze clip round cumsum".split()

CANONICAL: Dict[str, str] = {
    "pypdf._reader.PdfReader": PDF_READER, "pypdf._writer.PdfWriter": PDF_WRITER,
    "PyPDF2.PdfReader": PDF_READER, "PyPDF2.PdfFileReader": PDF_READER,
    "PyPDF2.PdfWriter": PDF_WRITER, "PyPDF2.PdfFileWriter": PDF_WRITER,
    # PyMuPDF's old import name
    "fitz.open": "pymupdf.open", "fitz.Document": MUPDF_DOCUMENT,
    "xlsxwriter.workbook.Workbook": XLSX_WORKBOOK,
    "qrcode.main.make": "qrcode.make", "qrcode.main.QRCode": "qrcode.QRCode",
    "tinydb.database.TinyDB": TINYDB,
    **{f"reportlab.platypus{module}.{kind}": RL_DOC for module in ("", ".doctemplate")
       for kind in ("BaseDocTemplate", "SimpleDocTemplate")},
    "diskcache.core.Cache": DISKCACHE, "diskcache.FanoutCache": DISKCACHE, "diskcache.fanout.FanoutCache": DISKCACHE,
    "portalocker.utils.Lock": PORTALOCKER, "portalocker.RLock": PORTALOCKER, "portalocker.utils.RLock": PORTALOCKER,
    "fasteners.process_lock.InterProcessLock": FASTENERS,
    "dotenv.main.load_dotenv": "dotenv.load_dotenv", "dotenv.main.dotenv_values": "dotenv.dotenv_values",
    "gtts.tts.gTTS": "gtts.gTTS", "xlrd.book.open_workbook_xls": "xlrd.open_workbook",
    "smbclient._os.open_file": "smbclient.open_file",
    # `samples: npt.NDArray[np.float64]` (or an alias of it) is an array
    "numpy.typing.NDArray": NDARRAY,
}

# a TinyDB database forwards the operations of its default table; every one reads (or rewrites) the JSON file
_TINYDB_OPERATIONS = ("insert insert_multiple all search get contains update update_multiple upsert remove "
                      "truncate count")
_DISKCACHE_OPERATIONS = "get set add delete pop incr decr touch read clear evict expire cull check push pull " \
                        "peek peekitem"
BLOCKING_FUNCTIONS: Dict[str, str] = {
    PDF_READER: "ACK103", f"{PDF_WRITER}.write": "ACK103",
    "pymupdf.open": "ACK103", MUPDF_DOCUMENT: "ACK103", f"{MUPDF_DOCUMENT}.save": "ACK103", f"{MUPDF_DOCUMENT}.ez_save": "ACK103",
    f"{XLSX_WORKBOOK}.close": "ACK103",
    f"{QR_IMAGE}.save": "ACK103",
    f"{RL_CANVAS}.save": "ACK103", f"{RL_DOC}.build": "ACK103", f"{RL_DOC}.multiBuild": "ACK103",
    "matplotlib.pyplot.savefig": "ACK103", f"{FIGURE}.savefig": "ACK103",
    "xlrd.open_workbook": "ACK103", "smbclient.open_file": "ACK103",
    **{f"pdfkit.{m}": "ACK104" for m in ("from_url", "from_file", "from_string")},
    "gtts.gTTS.save": "ACK102", "gtts.gTTS.write_to_fp": "ACK102",
    "magic.from_file": "ACK103", "magic.Magic.from_file": "ACK103",
    "dotenv.load_dotenv": "ACK103", "dotenv.dotenv_values": "ACK103",
    TINYDB: "ACK103",
    **{f"{kind}.{m}": "ACK103" for kind in (TINYDB, TINYDB_TABLE) for m in _TINYDB_OPERATIONS.split()},
    DISKCACHE: "ACK103",
    **{f"{DISKCACHE}.{m}": "ACK103" for m in _DISKCACHE_OPERATIONS.split()},
}
# the locks poll until the file is free, sleeping between tries
BLOCKING_METHODS: Tuple[Tuple[Tuple[str, ...], str, str], ...] = (
    ((PORTALOCKER, FASTENERS), "ACK106", "acquire"),
    # an array writes itself to a file (raw, or pickled)
    ((NDARRAY,), "ACK103", "tofile dump"),
)
RETURNS: Dict[str, str] = {
    PDF_READER: PDF_READER, PDF_WRITER: PDF_WRITER,
    "pymupdf.open": MUPDF_DOCUMENT, MUPDF_DOCUMENT: MUPDF_DOCUMENT,
    XLSX_WORKBOOK: XLSX_WORKBOOK, RL_CANVAS: RL_CANVAS, RL_DOC: RL_DOC, "gtts.gTTS": "gtts.gTTS",
    "smbclient.open_file": "io.TextIOWrapper",
    "qrcode.make": QR_IMAGE, "qrcode.QRCode": "qrcode.QRCode", "qrcode.QRCode.make_image": QR_IMAGE,
    TINYDB: TINYDB, f"{TINYDB}.table": TINYDB_TABLE,
    DISKCACHE: DISKCACHE,
    PORTALOCKER: PORTALOCKER, FASTENERS: FASTENERS,
    **{f"{NDARRAY}.{m}": NDARRAY for m in _NDARRAY_MAKERS},
}
# entering a portalocker lock gives the file it opened and locked (the others give the lock itself)
ENTERS: Dict[str, str] = {PORTALOCKER: "io.TextIOWrapper"}
BLOCKING_ENTER: Dict[str, str] = {PORTALOCKER: "ACK106", FASTENERS: "ACK106"}
TYPE_NOTES: Dict[str, str] = {
    PORTALOCKER: "and entering it, `with portalocker.Lock(path):`, unless it was made with `timeout=0` or "
                 "`fail_when_locked=True`",
    FASTENERS: "and entering it, `with lock:`",
}
# handed a buffer in place of a path, or told not to wait for the lock
NON_BLOCKING_ARGS: Dict[str, Tuple[Tuple[Tuple[int, str, str], ...], ...]] = {
    PDF_READER: (((0, "stream", "memory"),),),
    f"{PDF_WRITER}.write": (((0, "stream", "memory"),),),
    # `pymupdf.open(stream=blob)` and `pymupdf.open()` (a new, empty document) read no file
    "pymupdf.open": (((0, "filename", "memory_or_absent"),),),
    MUPDF_DOCUMENT: (((0, "filename", "memory_or_absent"),),),
    f"{MUPDF_DOCUMENT}.save": (((0, "filename", "memory"),),),
    XLSX_WORKBOOK: (((0, "filename", "memory"),),),
    f"{QR_IMAGE}.save": (((0, "stream", "memory"),),),
    RL_CANVAS: (((0, "filename", "memory"),),),
    RL_DOC: (((0, "filename", "memory"),),),
    **{f: (((0, "fname", "memory"),),) for f in ("matplotlib.pyplot.savefig", f"{FIGURE}.savefig")},
    # `xlrd.open_workbook(file_contents=blob)`: the workbook comes from memory
    "xlrd.open_workbook": (((0, "filename", "memory_or_absent"),),),
    "dotenv.load_dotenv": (((-1, "stream", "memory"),),),
    "dotenv.dotenv_values": (((-1, "stream", "memory"),),),
    PORTALOCKER: (((2, "timeout", "zero"),), ((-1, "fail_when_locked", "true"),)),
    f"{PORTALOCKER}.acquire": (((0, "timeout", "zero"),), ((-1, "fail_when_locked", "true"),)),
    f"{FASTENERS}.acquire": (((0, "blocking", "false"),), ((3, "timeout", "zero"),)),
}
# a workbook or canvas made over a buffer writes into it; a lock made not to wait does not wait when entered
INHERITS_HARMLESS: FrozenSet[str] = frozenset({XLSX_WORKBOOK, RL_CANVAS, RL_DOC, PORTALOCKER})
