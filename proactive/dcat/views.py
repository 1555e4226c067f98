"""The DCAT catalogue's public addresses: the catalogue in Turtle, JSON-LD and RDF/XML
(for CKAN's harvester and anyone else), and the stable URIs it names (a register
entry, a portal dataset, a body, the law's terms of reuse), each answering with the
page a person reads. Nothing here needs a portal to be configured."""

from __future__ import annotations

from django.core.cache import cache
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition, require_safe

from accounts.models import PublicBody

from . import graph

# A format's name in the address → (rdflib's serialiser, the content type).
SERIALISATIONS = {
    "ttl": ("turtle", "text/turtle; charset=utf-8"),
    "jsonld": ("json-ld", "application/ld+json"),
    "rdf": ("xml", "application/rdf+xml"),
}
# What a harvester may ask of the catalogue's own URI, and the file that answers.
NEGOTIATED = (("text/turtle", "ttl"), ("application/ld+json", "jsonld"), ("application/rdf+xml", "rdf"))
# Harvesters come back often; a few minutes' copy costs nothing (Last-Modified lets
# them ask whether anything changed).
MAX_AGE = 300
CACHED_FOR = 3600


class SeeOther(HttpResponseRedirect):
    """303: the URI names a thing (a dataset, a body); here is the page about it."""

    status_code = 303


def _last_modified(request, *args, **kwargs):
    return graph.last_modified()


def serialise(fmt: str) -> tuple[bytes, str]:
    """The catalogue in ``fmt``, built once per change of the registers (the cache is
    keyed by the last change, so a change is served at once)."""
    serialiser, content_type = SERIALISATIONS[fmt]
    stamp = graph.last_modified()
    key = f"nafida:dcat:{fmt}:{stamp.isoformat() if stamp else 'empty'}"

    def build() -> bytes:
        options = {"context": {prefix: str(namespace) for prefix, namespace in graph.PREFIXES.items()},
                   "auto_compact": True} if serialiser == "json-ld" else {}
        return graph.build_catalogue().serialize(format=serialiser, encoding="utf-8", **options)

    return cache.get_or_set(key, build, timeout=CACHED_FOR), content_type


@require_safe
def catalogue(request):
    """The catalogue's URI: its RDF to whoever asks for RDF, the compliance page otherwise."""
    accept = request.headers.get("Accept", "")
    for media_type, fmt in NEGOTIATED:
        if media_type in accept:
            return SeeOther(reverse("proactive:dcat_catalog_file", kwargs={"fmt": fmt}))
    return SeeOther(reverse("proactive:compliance"))


@require_safe
@condition(last_modified_func=_last_modified)
def catalogue_file(request, fmt):
    if fmt not in SERIALISATIONS:
        raise Http404
    data, content_type = serialise(fmt)
    response = HttpResponse(data, content_type=content_type)
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


@require_safe
def entry(request, pk):
    found = get_object_or_404(graph.catalogue_entries(), pk=pk)
    return SeeOther(reverse("proactive:body", kwargs={"code": found.body.code}) + f"#entry-{found.pk}")


@require_safe
def dataset(request, pk):
    found = graph.catalogue_datasets().filter(pk=pk).first()
    if found is None:
        raise Http404
    return SeeOther(found.url)


@require_safe
def body(request, code):
    found = get_object_or_404(PublicBody, code=code)
    return SeeOther(reverse("register:body", kwargs={"code": found.code}))


@require_safe
def reuse_conditions(request):
    return render(request, "proactive/reuse_conditions.html")
