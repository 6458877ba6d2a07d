"""A live auction house: lots, bidders over websockets, a settlement worker and the payment bridge."""
