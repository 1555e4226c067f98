"""The staff's pages: the dashboard of queues, the acts on a request (assign, note,
message, extend, consult a third party, decide), intake of paper, post and e-mail
requests, response templates and designations. What the dashboard lists comes from a
registry (``registry``) that other apps add their kinds of work and queues to."""
