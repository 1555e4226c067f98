"""The proactive app's records, by concern: the art. 10 register (``register``), the
datasets on the open-data portal and the requests they answer (``portal``), the
citizens' asks for a dataset (``asks``), the prompts to publish what is often asked
(``prompts``), the known reuses (``reuses``), and the health of every link they keep
(``links``)."""

from .asks import AskSupport, DatasetAsk, DatasetAskPolicy
from .links import LinkHealth
from .portal import PortalDataset, RequestDataset
from .prompts import PublicationPrompt
from .register import WEB_URL, Art10Category, RegisterEntry, RegisterEntryQuerySet
from .reuses import Reuse

__all__ = ["WEB_URL", "Art10Category", "AskSupport", "DatasetAsk", "DatasetAskPolicy", "LinkHealth",
           "PortalDataset", "PublicationPrompt", "RegisterEntry", "RegisterEntryQuerySet", "RequestDataset",
           "Reuse"]
