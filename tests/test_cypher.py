"""Every Cypher constant in graph/queries/ passes Neo4j's own linter and is scoped by $tenant.

The constants are found by walking the package, so statements added later are covered
without touching this file: every UPPER_SNAKE string (or tuple of strings) is Cypher.
"""
from __future__ import annotations

import importlib
import json
import pkgutil
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import graph.queries
from graph import model

ROOT = Path(__file__).resolve().parent.parent
LINTER = ROOT / "tools" / "cypher-lint" / "lint.mjs"
CONSTANT = re.compile(r"[A-Z][A-Z0-9_]*")


def query_constants() -> dict[str, str]:
    """{"module.NAME" (or "module.NAME[i]"): statement} for every module of graph/queries/."""
    found: dict[str, str] = {}
    seen: set[str] = set()
    for info in pkgutil.iter_modules(graph.queries.__path__):
        module = importlib.import_module(f"graph.queries.{info.name}")
        for name, value in vars(module).items():
            if not CONSTANT.fullmatch(name):
                continue
            items = [(name, value)] if isinstance(value, str) else [
                (f"{name}[{i}]", v) for i, v in enumerate(value)
            ] if isinstance(value, tuple) else []
            for label, text in items:
                assert isinstance(text, str), f"{info.name}.{label} is not a Cypher string"
                if text not in seen:  # tuples usually repeat constants already listed
                    seen.add(text)
                    found[f"{info.name}.{label}"] = text
    return found


# --- Neo4j's linter -----------------------------------------------------------------------


def lint(queries: dict[str, str]) -> dict[str, list[dict]]:
    """Diagnostics of Neo4j's linter per query name (one node process for all)."""
    node = shutil.which("node")
    assert node, "node is not installed (make test installs it)"
    assert (LINTER.parent / "node_modules").is_dir(), \
        "the linter's npm packages are missing: run `make node-deps`"
    payload = {
        "schema": {"labels": list(model.LABELS),
                   "relationshipTypes": list(model.RELATIONSHIP_TYPES)},
        "queries": [{"name": n, "query": q} for n, q in queries.items()],
    }
    done = subprocess.run([node, str(LINTER)], input=json.dumps(payload), text=True,
                          capture_output=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return {item["name"]: item["diagnostics"] for item in json.loads(done.stdout)}


@pytest.fixture(scope="module")
def linted() -> tuple[dict[str, str], dict[str, list[dict]]]:
    """(queries, diagnostics per query name), from one walk of graph/queries/."""
    queries = query_constants()
    return queries, lint(queries)


def _describe(found: dict[str, list[dict]], queries: dict[str, str]) -> str:
    return "\n".join(f"{name} (line {d['line']}:{d['character']}): {d['message']}\n"
                     f"    {queries[name]}" for name, ds in found.items() for d in ds)


def test_the_walk_finds_the_foundation_statements():
    names = query_constants()
    assert "system.PING" in names
    assert "schema.CREATE_SCHOOL_KEY" in names
    assert all(isinstance(q, str) and q.strip() for q in names.values())


def test_every_query_constant_passes_neo4j_linter(linted):
    queries, diagnostics = linted
    assert set(diagnostics) == set(queries)
    errors = {name: [d for d in ds if d["severity"] == "error"]
              for name, ds in diagnostics.items()}
    errors = {name: ds for name, ds in errors.items() if ds}
    assert not errors, "Neo4j's linter rejects:\n" + _describe(errors, queries)


def test_queries_use_only_the_labels_and_types_of_the_model(linted):
    queries, diagnostics = linted
    unknown = {name: [d for d in ds if "is not present in the database" in d["message"]
                      and d["message"].startswith(("Label ", "Relationship type "))]
               for name, ds in diagnostics.items()}
    unknown = {name: ds for name, ds in unknown.items() if ds}
    assert not unknown, ("declare new labels and relationship types in graph/model.py "
                         "(LABELS, RELATIONSHIP_TYPES):\n" + _describe(unknown, queries))


def test_the_linter_reports_a_broken_statement():
    found = lint({"broken": "MATCH (n:School {tenant: $tenant}) RETRN n"})
    assert any(d["severity"] == "error" for d in found["broken"])


# --- tenant scope -------------------------------------------------------------------------

SCHEMA_STATEMENT = re.compile(
    r"^\s*(CREATE\s+(OR\s+REPLACE\s+)?(\w+\s+)?(CONSTRAINT|INDEX)\b|DROP\s|SHOW\s)", re.I)
STRINGS_AND_COMMENTS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|//[^\n]*|/\*.*?\*/",
                                  re.S)
NODE_START = re.compile(r"(?<![\w`])\(\s*(?:(?P<var>[A-Za-z_]\w*)\s*)?(?P<rest>[:{)])")
TENANT_IN_MAP = re.compile(r"\{[^{}]*\btenant\s*:\s*\$tenant\b[^{}]*\}")
# a programme's data version is about the programme, not one of its nodes: keyed by
# `programme`, it outlives the removal of every node of the tenant (graph/version.py)
DATA_VERSION = re.compile(r"^\(\w*:DataVersion\s*\{\s*programme\s*:\s*\$tenant\s*\}\)$")


def _closing(text: str, start: int) -> int:
    """Index of the parenthesis closing the one at `start`."""
    depth = 0
    for i in range(start, len(text)):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        if depth == 0:
            return i
    return len(text)


def unscoped_patterns(query: str) -> list[str]:
    """Node patterns that could match another tenant's nodes.

    A node pattern must carry `tenant: $tenant` in its property map, unless it is a bare
    variable bound earlier in the statement, e.g. `(s)` after `MATCH (s:School {tenant: …})`.
    """
    if SCHEMA_STATEMENT.match(query):
        return []
    text = STRINGS_AND_COMMENTS.sub("''", query)
    bad = []
    for match in NODE_START.finditer(text):
        pattern = text[match.start():_closing(text, match.start()) + 1]
        if TENANT_IN_MAP.search(pattern) or DATA_VERSION.match(pattern):
            continue
        var, rest = match.group("var"), match.group("rest")
        if rest == ")" and var and re.search(rf"\b{var}\b", text[:match.start()]):
            continue  # a variable bound before, re-used without a label
        bad.append(pattern)
    return bad


def test_every_statement_is_scoped_by_tenant():
    offenders = {name: unscoped_patterns(q) for name, q in query_constants().items()}
    offenders = {name: found for name, found in offenders.items() if found}
    assert not offenders, (
        "every node pattern needs `tenant: $tenant` in its property map "
        "(or must re-use a variable bound earlier):\n"
        + "\n".join(f"{name}: {', '.join(found)}" for name, found in offenders.items()))


@pytest.mark.parametrize("query, expected", [
    ("MATCH (s:School) RETURN s", ["(s:School)"]),
    ("MATCH (s:School {key: $key}) RETURN s", ["(s:School {key: $key})"]),
    ("MATCH (s:School {tenant: $tenant})-[:IN_ZONE]->(z:Zone) RETURN z", ["(z:Zone)"]),
    ("MATCH (s:School {tenant: $tenant})-[:IN_ZONE]->(:Zone {key: $z}) RETURN s",
     ["(:Zone {key: $z})"]),
    ("MATCH (s:School {tenant: $tenant}) WHERE EXISTS { (s)-[:IN_ZONE]->(z:Zone) } RETURN s",
     ["(z:Zone)"]),
    ("MATCH (n) DETACH DELETE n", ["(n)"]),
    ("MATCH (n {tenant: $tenant})-[r]->() RETURN count(r)", ["()"]),
    ("OPTIONAL MATCH (m:Measure {tenant: $other}) RETURN m", ["(m:Measure {tenant: $other})"]),
    ("MERGE (a:Alliance {tenant: $tenant, key: $key}) "
     "MERGE (a)-[:OF_SCHOOL]->(s:School {tenant: $tenant, key: $school}) RETURN a", []),
    ("UNWIND $rows AS row MATCH (s:School {tenant: $tenant, key: row.school}) "
     "CREATE (y:SchoolYear {tenant: $tenant, key: row.key, note: '(x:School)'}) "
     "CREATE (s)-[:HAS_YEAR]->(y) RETURN count(y) AS n", []),
    ("MATCH (n {tenant: $tenant}) RETURN count(n) AS nodes, coalesce(max(n.year), 0) AS y", []),
    ("CREATE CONSTRAINT k IF NOT EXISTS FOR (n:School) REQUIRE (n.tenant, n.key) IS UNIQUE", []),
    ("SHOW CONSTRAINTS YIELD name RETURN name", []),
])
def test_the_scope_checker(query, expected):
    assert unscoped_patterns(query) == expected


def test_the_scope_checker_fails_an_unscoped_constant(monkeypatch):
    from graph.queries import system
    monkeypatch.setattr(system, "LIST_ALL_SCHOOLS", "MATCH (s:School) RETURN s.key AS key",
                        raising=False)
    with pytest.raises(AssertionError, match=r"system\.LIST_ALL_SCHOOLS: \(s:School\)"):
        test_every_statement_is_scoped_by_tenant()
