"""Report generation for the back office."""
from .render import ReportWriter, invoice_pdf, letter_docx, read_price_list, statement_pdf_bytes, workbook_at

__all__ = ["ReportWriter", "invoice_pdf", "letter_docx", "read_price_list", "statement_pdf_bytes", "workbook_at"]
