"""The design card's direction of imports, checked on the source with ``ast``:
``accounts`` ← ``requests_app`` ← ``appeals``, ``requests_app`` ← ``proactive``. A lower
app learns of a higher one only through signals and registries: it never imports it,
never names one of its URLs, and no two modules import each other, even through others
or from inside a function."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The apps, each with the apps it may import.
APPS = {
    "accounts": set(),
    "requests_app": {"accounts"},
    "appeals": {"accounts", "requests_app"},
    "proactive": {"accounts", "requests_app"},
}
# Inside requests_app, what lies below the request itself and the only parts of the
# project each may import: the law and the calendar know nothing of requests, the
# letters engine knows nothing at all, the outbox knows only the calendar.
FOUNDATIONS = {
    "requests_app.clock": {"accounts", "requests_app.clock"},
    "requests_app.letters": {"requests_app.letters"},
    "requests_app.outbox": {"requests_app.outbox", "requests_app.clock"},
}
URL_NAMESPACES = {"accounts": {"accounts"}, "requests_app": {"requests", "register", "workspace"},
                  "appeals": set(), "proactive": {"proactive"}}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> dict[str, Path]:
    modules = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                modules[module_name(path)] = path
    return modules


MODULES = project_modules()


def imports_of(name: str, path: Path) -> set[str]:
    """Every project module ``name`` imports, at the top or inside a function."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[:len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # "from package import module" imports the module; otherwise the module itself.
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
                       for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


GRAPH = {name: imports_of(name, path) for name, path in MODULES.items()}


def app_of(module: str) -> str:
    return module.split(".", 1)[0]


def test_the_modules_were_found():
    assert {"accounts.models", "requests_app.services", "requests_app.clock.calendar",
            "requests_app.outbox.clocks", "requests_app.letters.bidi",
            "requests_app.workspace.views"} <= set(GRAPH)
    assert "requests_app.models" in GRAPH["requests_app.services"]
    assert "requests_app.clock.calendar" in GRAPH["requests_app.outbox.clocks"]


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_no_module_imports_a_higher_app(module):
    allowed = APPS[app_of(module)] | {app_of(module)}
    assert {app_of(target) for target in GRAPH[module]} <= allowed


@pytest.mark.parametrize("foundation", sorted(FOUNDATIONS))
def test_the_clock_the_letters_and_the_outbox_know_nothing_of_requests(foundation):
    allowed = FOUNDATIONS[foundation]
    for module in (name for name in GRAPH if name == foundation or name.startswith(f"{foundation}.")):
        outside = {target for target in GRAPH[module]
                   if not any(target == part or target.startswith(f"{part}.") for part in allowed)}
        assert not outside, f"{module} imports {sorted(outside)}"


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, found, counter = {}, {}, [], set(), [], [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_circle():
    assert _cycles(GRAPH) == []


def test_a_circle_would_be_found():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize("module", sorted(name for name in GRAPH if app_of(name) != "requests_app"
                                          or name.startswith(tuple(FOUNDATIONS))))
def test_no_url_of_a_higher_app_is_named_in_a_lower_one(module):
    """``reverse("workspace:dashboard")`` in accounts would tie it to a page above it:
    such names come from settings (LOGIN_REDIRECT_URL, WORKSPACE_URL)."""
    own = set().union(*(URL_NAMESPACES[app] for app in APPS[app_of(module)] | {app_of(module)}))
    if module.startswith(tuple(FOUNDATIONS)):
        own = set()
    foreign = set().union(*URL_NAMESPACES.values()) - own
    strings = [node.value for node in ast.walk(ast.parse(MODULES[module].read_text()))
               if isinstance(node, ast.Constant) and isinstance(node.value, str)]
    named = {text for text in strings if text.partition(":")[0] in foreign and ":" in text
             and " " not in text}
    assert not named


def test_the_services_announce_and_never_send_mail():
    """Services say what happened (signals); the outbox and the request's notices
    listen. A service that imported the mail code would be a second road for e-mail."""
    mail_code = ("requests_app.outbox", "requests_app.notices")
    assert "requests_app.signals" in GRAPH["requests_app.services"]
    assert not {target for target in GRAPH["requests_app.services"] if target.startswith(mail_code)}
    source = MODULES["requests_app.services"].read_text()
    assert "send_mail" not in source and "EmailMessage" not in source
