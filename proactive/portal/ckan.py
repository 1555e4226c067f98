"""The open-data portal's CKAN Action API (data.gov.ma runs CKAN), through ``ckanapi``.

What the portal answers is sorted in two: a refusal the officer must correct
(``PortalRefused``: a validation error with the portal's field messages, not authorised,
a request the portal cannot take) and trouble that passes (``PortalUnavailable``: a 5xx,
a timeout, no connection), after which the same call is made again later.

Settings: ``NAFIDA_CKAN_URL`` (empty: no portal, nothing is published),
``NAFIDA_CKAN_API_KEY`` (an API token of a portal user who may publish in the bodies'
organisations), ``NAFIDA_CKAN_TIMEOUT`` (seconds per call), ``NAFIDA_CKAN_ORGANISATIONS``
({body code: organisation name on the portal}, for the bodies whose record names none
in ``portal_organization_id``; a body in neither publishes in the organisation named
like its code) and ``NAFIDA_CKAN_DATASET_URL`` (the dataset's page,
``{name}`` replaced; empty: ``<NAFIDA_CKAN_URL>/dataset/<name>``)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import ckanapi
import requests
from django.conf import settings
from django.utils.translation import gettext as _


class PortalError(Exception):
    """What the portal answered, as a message for the officer."""

    def __init__(self, message: str, *, status: int | None = None, fields: dict | None = None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.fields = fields or {}


class PortalRefused(PortalError):
    """Permanent: the same call would be refused again until someone changes something."""


class PortalUnavailable(PortalError):
    """Transient: the portal is down, slow or overloaded; the call is made again later."""


class NotConfigured(PortalRefused):
    pass


def portal_url() -> str:
    return (getattr(settings, "NAFIDA_CKAN_URL", "") or "").rstrip("/")


def is_configured() -> bool:
    return bool(portal_url())


def organisation_for(body) -> str:
    """The body's organisation on the portal: the one the administration recorded on the
    body (``portal_organization_id``), else the operator's mapping, else its code. The
    officer cannot choose another: the API key may publish for every body."""
    mapping = getattr(settings, "NAFIDA_CKAN_ORGANISATIONS", {}) or {}
    return getattr(body, "portal_organization_id", "") or mapping.get(body.code, body.code)


def dataset_url(name: str) -> str:
    pattern = getattr(settings, "NAFIDA_CKAN_DATASET_URL", "") or ""
    if pattern:
        return pattern.replace("{name}", name)
    return f"{portal_url()}/dataset/{name}"


def public_root() -> str:
    """The portal's public address (scheme and host of its datasets' pages)."""
    parts = urlsplit(dataset_url("x"))
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""


def _field_messages(error_dict: dict) -> dict[str, str]:
    """CKAN's ``{"name": ["That URL is already in use."], "__type": ...}`` as
    ``{"name": "That URL is already in use."}``."""
    found = {}
    for field, messages in (error_dict or {}).items():
        if field in ("__type", "message"):
            continue
        if isinstance(messages, (list, tuple)):
            text = "; ".join(str(item) if not isinstance(item, dict) else str(_field_messages(item))
                             for item in messages)
        else:
            text = str(messages)
        found[field] = text
    return found


class _RemoteCKAN(ckanapi.RemoteCKAN):
    """``ckanapi.RemoteCKAN`` that remembers the HTTP status of the last answer: ckanapi
    turns a 5xx into a bare ``CKANAPIError`` and the status decides whether to retry."""

    last_status: int | None = None

    def _request_fn(self, url, data, headers, files, requests_kwargs):
        self.last_status = None
        status, text = super()._request_fn(url, data, headers, files, requests_kwargs)
        self.last_status = status
        return status, text


@dataclass
class Connector:
    address: str
    api_key: str = ""
    timeout: float = 30

    @classmethod
    def from_settings(cls) -> Connector:
        if not is_configured():
            raise NotConfigured(_("No open-data portal is configured."))
        return cls(address=portal_url(), api_key=getattr(settings, "NAFIDA_CKAN_API_KEY", "") or "",
                   timeout=float(getattr(settings, "NAFIDA_CKAN_TIMEOUT", 30)))

    def call(self, action: str, data: dict | None = None, files: dict | None = None) -> dict:
        """One action; its ``result``, or a ``PortalRefused`` / ``PortalUnavailable``."""
        ckan = _RemoteCKAN(self.address, apikey=self.api_key or None, user_agent="Nafida (ckanapi)")
        try:
            return ckan.call_action(action, data_dict=data or {}, files=files,
                                    requests_kwargs={"timeout": self.timeout})
        except requests.Timeout as exc:
            raise PortalUnavailable(_("The portal did not answer in time.")) from exc
        except requests.RequestException as exc:
            raise PortalUnavailable(_("The portal could not be reached.")) from exc
        except ckanapi.ValidationError as exc:
            fields = _field_messages(getattr(exc, "error_dict", {}))
            detail = "; ".join(f"{field}: {text}" for field, text in fields.items())
            raise PortalRefused(_("The portal refused the data: %(detail)s") % {"detail": detail},
                                status=ckan.last_status, fields=fields) from exc
        except ckanapi.NotAuthorized as exc:
            raise PortalRefused(_("The portal refused: not authorised to publish in this organisation "
                                  "(check the API key and the organisation)."),
                                status=ckan.last_status or 403) from exc
        except ckanapi.NotFound as exc:
            raise PortalRefused(_("The portal does not know this record: %(detail)s")
                                % {"detail": str(exc) or action}, status=ckan.last_status or 404) from exc
        except (ckanapi.CKANAPIError, ckanapi.ServerIncompatibleError) as exc:
            status = ckan.last_status
            if status is None or status >= 500 or status == 429:
                raise PortalUnavailable(_("The portal answered with an error (HTTP %(status)s).")
                                        % {"status": status or "?"}, status=status) from exc
            raise PortalRefused(_("The portal refused the request (HTTP %(status)s).") % {"status": status},
                                status=status) from exc
        finally:
            ckan.close()

    # -- the actions Nafida uses -----------------------------------------------------------

    def package_show(self, name_or_id: str) -> dict | None:
        """The dataset, or None when the portal has none by that name."""
        try:
            return self.call("package_show", {"id": name_or_id})
        except PortalRefused as exc:
            if exc.status == 404:
                return None
            raise

    def package_create(self, package: dict) -> dict:
        return self.call("package_create", package)

    def package_patch(self, package: dict) -> dict:
        return self.call("package_patch", package)

    def resource_create(self, *, package_id: str, name: str, upload, file_name: str,
                        content_type: str, **fields) -> dict:
        data = {"package_id": package_id, "name": name, **fields}
        return self.call("resource_create", data, files={"upload": (file_name, upload, content_type)})
