"""A double-entry ledger service: postings, reconciliation against bank files, and statement exports."""
