"""The catalogue checked against the project's SHACL shapes (``shapes.ttl``, written
from DCAT-AP). pyshacl is a development dependency: without it, validation says so
rather than failing at import."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

SHAPES = Path(__file__).with_name("shapes.ttl")


class ValidatorMissing(RuntimeError):
    pass


def validate(data: Graph) -> tuple[bool, str]:
    """(conforms, pyshacl's report as text)."""
    try:
        import pyshacl
    except ImportError as missing:
        raise ValidatorMissing("pyshacl is not installed (pip install -e '.[dev]').") from missing
    conforms, _graph, text = pyshacl.validate(data, shacl_graph=str(SHAPES), shacl_graph_format="turtle",
                                              inference="none", advanced=True)
    return bool(conforms), text
