import json
from pathlib import Path

PRICES = Path(__file__).with_name("prices.json")


def load_prices() -> dict:
    """Fine at start-up; a problem when a request handler calls it."""
    with open(PRICES, encoding="utf-8") as fh:
        return json.load(fh)
