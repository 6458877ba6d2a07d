"""A price-watch scraper: fetch helpers and the spiders that use them."""
