"""A product-catalogue crawler: fetch pages, parse, store thumbnails and records, publish changes."""
