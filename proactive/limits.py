"""How long a free text of the proactive app may be (a description, a reason): enough for
a page of explanation, never megabytes on a public page or in every supporter's mail."""

TEXT_LIMIT = 5000
