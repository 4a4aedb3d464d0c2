"""Explicit wiring: the factory registers every blueprint, command and registry entry on the
app it builds; no module registers anything when it is imported."""
from __future__ import annotations

import ast
from pathlib import Path

from app import create_app
from tests.conftest import make_config, sql_settings

ROOT = Path(__file__).resolve().parents[1]
REGISTERING = {"append", "register", "add_command", "register_blueprint", "add_url_rule",
               "setdefault"}


def _module_level_registrations(path: Path, root: Path = ROOT) -> list[str]:
    """Calls like `X.append(...)` that run when the module is imported."""
    found = []
    body = list(ast.parse(path.read_text()).body)
    while body:
        node = body.pop()
        if isinstance(node, ast.If):
            body += node.body + node.orelse
        elif (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
              and isinstance(node.value.func, ast.Attribute)
              and node.value.func.attr in REGISTERING):
            found.append(f"{path.relative_to(root)}:{node.lineno}")
    return found


def test_no_module_registers_anything_on_import():
    found = [hit for pkg in ("app", "jobs", "reports", "domain", "graph")
             for path in (ROOT / pkg).rglob("*.py") for hit in _module_level_registrations(path)]
    assert found == []


def test_the_check_sees_a_registration_on_import(tmp_path):
    module = tmp_path / "app" / "feature.py"
    module.parent.mkdir()
    module.write_text("from app import cli\n"
                      "if hook not in cli.HOOKS:\n    cli.HOOKS.append(hook)\n")
    assert _module_level_registrations(module, tmp_path) == ["app/feature.py:3"]


def _wiring(app) -> tuple:
    rules = sorted((r.rule, r.endpoint) for r in app.url_map.iter_rules())
    navigation = [item.endpoint for item in app.extensions["imant.navigation"]]
    commands = sorted(app.cli.commands), sorted(app.cli.commands["bench"].commands)
    return rules, navigation, commands, len(app.extensions["imant.demo_seed_steps"])


def test_each_app_gets_the_same_wiring_and_nothing_accumulates(app, tmp_path, graph_server):
    second = create_app(make_config(tmp_path / "second", graph_server,
                                    sql_settings("sqlite", None, tmp_path)))
    assert _wiring(second) == _wiring(app)
    rules, navigation, (commands, bench), seed_steps = _wiring(app)
    assert len(navigation) == len(set(navigation)) and seed_steps == 3
    assert {"reports", "scheduler", "import", "bench"} <= set(commands)
    assert bench == ["import", "indicators", "ingest", "reports", "serve", "simulate",
                     "start", "write-path"]
    api = [endpoint for _rule, endpoint in rules if endpoint.startswith("api.")]
    assert {e.split(".")[1] for e in api} == {"platform", "auth", "network", "imports",
                                               "indicators", "reports", "planning", "scenarios"}
