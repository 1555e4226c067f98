"""How the lower app learns of this part, through its registries: the register entries
and portal datasets are suggested before a citizen files, and offered to an officer
refusing on the ground "already published" (art. 18)."""

from requests_app.publications import PublicationSource, register_publication_source
from requests_app.suggestions import register_suggestion_source

from . import sources


def register() -> None:
    register_suggestion_source("register_entries", sources.register_entries)
    register_suggestion_source("portal_datasets", sources.portal_datasets)
    register_publication_source(PublicationSource("entry", sources.entries_of, sources.find_entry))
    register_publication_source(PublicationSource("dataset", sources.datasets_of, sources.find_dataset))
