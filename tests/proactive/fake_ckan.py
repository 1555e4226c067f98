"""A CKAN-compatible Action API served on 127.0.0.1 for the tests, answering in the shapes
CKAN 2.10+ documents (``{"help": ..., "success": true, "result": ...}``; a validation
error as HTTP 409 with ``success: false`` and the field messages; not authorised as
403; not found as 404). A real CKAN needs Solr, which no reachable registry provides.

It keeps packages and resources in memory, records every call (action, headers, JSON
body or multipart fields and files) and answers scripted responses first:

    with FakeCKAN() as portal:
        portal.script("package_create", server_error(503), OK)
        ...
        portal.calls("package_create")[0].data["owner_org"]

Use the fixture ``fake_ckan`` (tests/proactive/conftest.py) to get one with the
settings pointing at it."""

from __future__ import annotations

import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Call:
    action: str
    headers: dict
    data: dict
    files: dict = field(default_factory=dict)  # field name -> (file name, content type, bytes)


@dataclass(frozen=True)
class Answer:
    status: int
    body: object  # a dict (sent as JSON) or text
    delay: float = 0.0


OK = Answer(0, None)  # the in-memory CKAN answers


def validation_error(**fields) -> Answer:
    return Answer(409, {"success": False, "error": {"__type": "Validation Error", **{
        name: messages if isinstance(messages, list) else [messages] for name, messages in fields.items()}}})


def not_authorized(message="Access denied: User nafida not authorized to add dataset to this organization",
                   ) -> Answer:
    return Answer(403, {"success": False, "error": {"__type": "Authorization Error", "message": message}})


def server_error(status=500) -> Answer:
    return Answer(status, "<html><body><h1>Internal Server Error</h1></body></html>")


def slow(seconds: float) -> Answer:
    """Does the work at once and answers after ``seconds`` (longer than the client's
    timeout: a timeout after the portal has done what it was asked)."""
    return Answer(0, None, delay=seconds)


def _multipart(content_type: str, body: bytes) -> tuple[dict, dict]:
    message = BytesParser(policy=HTTP).parsebytes(
        b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
    data, files = {}, {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        file_name = part.get_filename()
        content = part.get_payload(decode=True)
        if file_name is not None:
            files[name] = (file_name, part.get_content_type(), content)
        else:
            data[name] = content.decode()
    return data, files


class FakeCKAN:
    def __init__(self):
        self.packages: dict[str, dict] = {}
        self.records: list[Call] = []
        self.scripts: dict[str, list[Answer]] = {}
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    # -- what the tests use -----------------------------------------------------------

    def script(self, action: str, *answers: Answer) -> None:
        """The next calls of ``action`` get these answers, in order; then the in-memory CKAN."""
        with self.lock:
            self.scripts.setdefault(action, []).extend(answers)

    def calls(self, action: str | None = None) -> list[Call]:
        return [call for call in self.records if action is None or call.action == action]

    def actions(self) -> list[str]:
        return [call.action for call in self.records]

    # -- the in-memory CKAN ---------------------------------------------------------------

    def _help(self, action):
        return f"{self.url}/api/3/action/help_show?name={action}"

    def _find(self, key):
        for package in self.packages.values():
            if key in (package["id"], package["name"]):
                return package
        return None

    def answer(self, call: Call) -> tuple[int, dict]:
        action, data = call.action, call.data
        if action == "package_create":
            if self._find(data.get("name")):
                taken = validation_error(name=["That URL is already in use."])
                return taken.status, taken.body
            package = {**data, "id": str(uuid.uuid4()), "resources": [],
                       "organization": {"name": data.get("owner_org"), "id": f"org-{data.get('owner_org')}"},
                       "owner_org": f"org-{data.get('owner_org')}", "state": "active"}
            self.packages[package["id"]] = package
            return 200, {"success": True, "result": package}
        if action == "package_show":
            package = self._find(data.get("id"))
            if package is None:
                return 404, {"success": False, "error": {"__type": "Not Found Error", "message": "Not found"}}
            return 200, {"success": True, "result": package}
        if action == "package_patch":
            package = self._find(data.get("id"))
            if package is None:
                return 404, {"success": False, "error": {"__type": "Not Found Error", "message": "Not found"}}
            package.update({key: value for key, value in data.items() if key != "id"})
            return 200, {"success": True, "result": package}
        if action == "resource_create":
            package = self._find(data.get("package_id"))
            if package is None:
                return 409, validation_error(package_id=["Not found: Dataset"]).body
            resource_id = str(uuid.uuid4())
            file_name = call.files.get("upload", ("file",))[0]
            resource = {**data, "id": resource_id, "package_id": package["id"], "url_type": "upload",
                        "url": f"{self.url}/dataset/{package['id']}/resource/{resource_id}"
                               f"/download/{file_name}"}
            package["resources"].append(resource)
            return 200, {"success": True, "result": resource}
        return 400, {"success": False,
                     "error": {"__type": "Bad request", "message": f"Unknown action {action}"}}

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):  # noqa: N802
                self._serve()

            def do_POST(self):  # noqa: N802
                self._serve()

            def _serve(self):
                action = self.path.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                content_type = self.headers.get("Content-Type", "")
                files = {}
                if content_type.startswith("multipart/form-data"):
                    data, files = _multipart(content_type, body)
                else:
                    data = json.loads(body or b"{}")
                call = Call(action, dict(self.headers.items()), data, files)
                with fake.lock:
                    fake.records.append(call)
                    scripted = fake.scripts.get(action) or []
                    answer = scripted.pop(0) if scripted else OK
                if answer.status == 0:
                    with fake.lock:
                        status, payload = fake.answer(call)
                else:
                    status, payload = answer.status, answer.body
                if answer.delay:  # the work is done; the answer comes late
                    time.sleep(answer.delay)
                if isinstance(payload, dict):
                    payload = {"help": fake._help(action), **payload}
                    raw, kind = json.dumps(payload).encode(), "application/json;charset=utf-8"
                else:
                    raw, kind = str(payload).encode(), "text/html"
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", kind)
                    self.send_header("Content-Length", str(len(raw)))
                    self.end_headers()
                    self.wfile.write(raw)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout)

        return Handler
