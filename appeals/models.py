"""Complaints to the head of body (art. 19), to the Commission (art. 20), court
appeals (art. 21). Built on requests_app; nothing here yet."""
