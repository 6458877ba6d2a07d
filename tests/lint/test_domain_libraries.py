"""The libraries of a few trades (bioinformatics, documents, mail, media, SSO and directories, web3): their blocking
calls in coroutines, their coroutine functions left unawaited, beside the look-alikes that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked

BLOCKING = ["ACK102", "ACK103", "ACK104", "ACK105", "ACK109"]


def test_pysam_tools_and_iterated_files_block_in_a_coroutine_only():
    check_marked('''
        import asyncio
        import pysam

        async def prepare(bam: str, out: str) -> int:
            pysam.sort("-o", out, bam)  # ACK104
            pysam.index(out)  # ACK104
            pysam.bcftools.view("-Oz", "-o", out + ".vcf.gz", out)  # ACK104
            await asyncio.to_thread(pysam.index, out)
            with pysam.AlignmentFile(out, "rb") as alignments:  # ACK103
                for read in alignments:  # ACK103
                    pass
                hits = [r for r in alignments.fetch("chr1", 0, 1000)]  # ACK103
            variants = pysam.VariantFile(out + ".vcf.gz")  # ACK103
            return sum(1 for rec in variants)  # ACK103

        def prepare_sync(bam: str, out: str) -> None:
            pysam.sort("-o", out, bam)
            for read in pysam.AlignmentFile(out, "rb"):
                pass
    ''', BLOCKING)


def test_entrez_requests_and_reading_their_handles():
    check_marked('''
        import asyncio
        from Bio import Entrez

        async def lookup(term: str):
            handle = Entrez.esearch(db="pubmed", term=term)  # ACK102
            record = Entrez.read(handle)  # ACK102
            fetched = Entrez.efetch(db="nucleotide", id=record["IdList"], rettype="fasta")  # ACK102
            text = fetched.read()  # ACK102
            return await asyncio.to_thread(Entrez.esummary, db="pubmed", id="1")

        def lookup_sync(term: str):
            return Entrez.read(Entrez.esearch(db="pubmed", term=term))
    ''', BLOCKING)


def test_python_ldap_synchronous_forms_and_pysaml2_client():
    check_marked('''
        import asyncio
        import ldap
        from saml2.client import Saml2Client

        async def authenticate(uri: str, dn: str, password: str, config):
            conn = ldap.initialize(uri)
            conn.simple_bind_s(dn, password)  # ACK105
            found = conn.search_s("ou=people", ldap.SCOPE_SUBTREE, "(uid=x)")  # ACK105
            msgid = conn.search("ou=people", ldap.SCOPE_SUBTREE)
            client = Saml2Client(config)
            session, info = client.prepare_for_authenticate(relay_state="/")  # ACK104
            await asyncio.to_thread(conn.unbind_s)
            return found

        def authenticate_sync(uri: str):
            ldap.initialize(uri).simple_bind_s("", "")
    ''', BLOCKING)


def test_documents_mail_checks_and_ffmpeg():
    check_marked('''
        import asyncio
        import dkim
        import docx
        import ffmpeg
        import spf
        from weasyprint import HTML

        async def render(html: str, path: str, message: bytes, ip: str, sender: str):
            pdf = HTML(string=html).write_pdf()  # ACK109
            document = docx.Document(path)  # ACK103
            document.add_paragraph("signed")
            document.save(path)  # ACK103
            result, explanation = spf.check2(i=ip, s=sender, h="mx.example.org")  # ACK105
            ok = dkim.verify(message)  # ACK105
            info = ffmpeg.probe(path)  # ACK104
            ffmpeg.input(path).output(path + ".mp4", vcodec="libx264").overwrite_output().run()  # ACK104
            process = ffmpeg.input(path).output("pipe:").run_async(pipe_stdout=True)
            return await asyncio.to_thread(HTML(string=html).write_pdf)

        def render_sync(html: str, path: str):
            ffmpeg.input(path).output(path + ".mp4").run()
            return HTML(string=html).write_pdf()
    ''', BLOCKING)


def test_sync_web3_requests_block_and_async_web3_calls_are_coroutines():
    check_marked('''
        import asyncio
        from web3 import AsyncWeb3, Web3

        async def balance(address: str, tx: bytes):
            w3 = Web3(Web3.HTTPProvider("http://localhost:8545"))
            amount = w3.eth.get_balance(address)  # ACK102
            receipt = w3.eth.wait_for_transaction_receipt(tx)  # ACK102
            token = w3.eth.contract(address=address, abi=[])
            aw3 = AsyncWeb3(AsyncWeb3.AsyncHTTPProvider("http://localhost:8545"))
            aw3.eth.get_balance(address)  # ACK301
            return await aw3.eth.get_block("latest")

        def balance_sync(address: str):
            return Web3(Web3.HTTPProvider("http://localhost:8545")).eth.get_balance(address)
    ''', BLOCKING + ["ACK301"])


def test_aioimaplib_and_aiortc_coroutine_methods_must_be_awaited():
    check_marked('''
        import aioimaplib
        from aiortc import RTCPeerConnection

        async def mail(host: str):
            client = aioimaplib.IMAP4_SSL(host=host)
            await client.wait_hello_from_server()
            await client.login("u", "p")
            client.select("INBOX")  # ACK301
            client.idle_done()
            client.logout()  # ACK301

        async def call(offer):
            pc = RTCPeerConnection()
            await pc.setRemoteDescription(offer)
            answer = await pc.createAnswer()
            pc.setLocalDescription(answer)  # ACK301
            return pc.localDescription
    ''', ["ACK301"])
