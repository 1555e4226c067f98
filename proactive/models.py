"""Proactive publication (art. 10) and the open-data portal. Nothing here yet."""
