"""Layers point one way: graph ← report engine ← jobs, and graph ← services ← views.

The imports of every module (function-level ones too) are read with `ast`; the
test fails on an import cycle that spans the web app, the jobs and the report
engine, and on an import that crosses a layer the wrong way.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("app", "jobs", "reports", "domain", "graph")
# What the jobs may use of the web app: its stores and models, never pages or the factory.
JOBS_MAY_USE = ("app.extensions", "app.models", "app.platform")
# What the web app may use of the jobs: run records, kinds and periods (its public face);
# only the operator commands drive the jobs themselves.
WEB_MAY_USE = ("jobs.runs", "jobs.kinds")
OPERATOR_COMMANDS = ("app.cli", "app.reports.cli", "app.reports.bench_cli")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {module_name(p): p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")}


MODULES = _modules()


def _resolve(name: str) -> str | None:
    """The project module an import names (its longest known prefix), or None."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imported(module: str, path: Path) -> set[str]:
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            found |= {f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base
                      for a in node.names}
    return found


def import_graph() -> dict[str, set[str]]:
    """Project module -> the project modules it imports."""
    graph = {}
    for module, path in MODULES.items():
        targets = {_resolve(name) for name in _imported(module, path)}
        graph[module] = {t for t in targets if t and t != module}
    return graph


def third_party(module: str) -> set[str]:
    return {name.split(".")[0] for name in _imported(module, MODULES[module])}


def reaches(graph: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, todo = {start}, [start]
    while todo:
        for nxt in graph.get(todo.pop(), ()):
            if nxt == goal:
                return True
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False


def spanning_cycles(graph: dict[str, set[str]]) -> list[tuple[str, str]]:
    """Imports from one of app/jobs/reports into another that lead back: (importer, imported)."""
    rooms = ("app", "jobs", "reports")
    return sorted((module, target) for module, targets in graph.items() for target in targets
                  if _top(module) in rooms and _top(target) in rooms
                  and _top(module) != _top(target) and reaches(graph, target, module))


def _top(module: str) -> str:
    return module.split(".")[0]


def _is_view(module: str) -> bool:
    leaf = module.split(".")
    return leaf[-1] in ("routes", "api") or "views" in leaf[1:]


def _is_service(module: str) -> bool:
    return module.split(".")[-1].startswith("service")


def breaches(graph: dict[str, set[str]]) -> list[str]:
    """Every import that points against the layers, as "importer -> imported (rule)"."""
    found = []
    for module, targets in graph.items():
        for target in targets:
            rule = _rule_broken(module, target)
            if rule:
                found.append(f"{module} -> {target} ({rule})")
    return sorted(found)


def _rule_broken(module: str, target: str) -> str | None:  # noqa: C901 - one line per rule
    top, to = _top(module), _top(target)
    if top == "graph" and to in ("app", "jobs", "reports"):
        return "the graph layer imports nothing above it"
    if top == "domain" and to in ("app", "jobs", "reports"):
        return "domain rules import nothing above them"
    if top == "reports" and to in ("app", "jobs"):
        return "the report engine imports neither the web app nor the jobs"
    if top == "jobs" and to == "app" and not target.startswith(JOBS_MAY_USE):
        return "the jobs use only the web app's stores and models"
    if top == "app" and to == "reports":
        return "the web app does not reach into the report engine"
    if (top == "app" and to == "jobs" and module not in OPERATOR_COMMANDS
            and target not in WEB_MAY_USE):
        return "the web app uses only the jobs' run records, kinds and periods"
    if _is_service(module) and _is_view(target):
        return "services do not import views"
    return None


def test_no_import_cycle_spans_the_web_app_the_jobs_and_the_engine():
    assert spanning_cycles(import_graph()) == []


def test_imports_follow_the_layers():
    assert breaches(import_graph()) == []


def test_the_engine_and_the_domain_import_no_flask():
    flasky = {m for m in MODULES if _top(m) in ("reports", "domain")
              and {"flask", "flask_sqlalchemy", "flask_login"} & third_party(m)}
    assert flasky == set()


@pytest.mark.parametrize(("importer", "imported", "broken"), [
    ("graph.schools", "app.extensions", True),
    ("reports.data", "jobs.runs", True),
    ("jobs.annual", "app.reports.routes", True),
    ("app.reports.routes", "jobs.annual", True),
    ("app.network.service", "app.network.api", True),
    ("app.reports.service", "jobs.runs", False),
    ("jobs.annual", "reports.annual", False),
])
def test_the_rules_catch_a_wrong_way_import(importer, imported, broken):
    assert (_rule_broken(importer, imported) is not None) is broken


def test_the_cycle_finder_finds_a_cycle_across_packages():
    graph = {"app.a": {"app.d"}, "app.d": {"jobs.b"}, "jobs.b": {"reports.c"},
             "reports.c": {"app.a"}, "app.x": {"jobs.b"}}
    assert spanning_cycles(graph) == [("app.d", "jobs.b"), ("jobs.b", "reports.c"),
                                      ("reports.c", "app.a")]
