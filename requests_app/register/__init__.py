"""The public register (DESIGN.md, "What is public"): every request once decided or
overdue, with its grounds and the documents the requester agreed to publish, never the
requester's identity; its CSV export and RSS feed; the bodies and their figures."""
