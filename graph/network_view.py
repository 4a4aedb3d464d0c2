"""Transaction functions for the network's pages: the programme as nodes and edges, and
contribution totals per school year."""
from __future__ import annotations

from typing import Any

import neo4j

from graph.model import AllianceStatus
from graph.queries import network_view as cypher


def _rows(tx: neo4j.ManagedTransaction, query: str, **params: Any) -> list[dict]:
    return [dict(record) for record in tx.run(query, **params)]


def read_network(tx: neo4j.ManagedTransaction, *, tenant: str, municipality: str | None = None,
                 kind: str | None = None, status: str | None = None) -> dict[str, list[dict]]:
    """Schools, partners and municipalities (not archived) as nodes; alliances
    (school → partner) and the school's municipality (school → municipality) as edges.

    Filters: a municipality keeps its schools and their alliances; a partner kind keeps
    partners of that kind and their alliances; an alliance status keeps those alliances
    (by default every alliance but archived ones). With a partner-kind or status filter
    only schools with a matching alliance (and their municipalities) remain; with a
    municipality or status filter only partners with a matching alliance remain.
    """
    params = {"tenant": tenant, "municipality": municipality, "kind": kind, "status": status}
    municipalities = _rows(tx, cypher.NETWORK_MUNICIPALITIES, **params)
    schools = _rows(tx, cypher.NETWORK_SCHOOLS, **params)
    partners = _rows(tx, cypher.NETWORK_PARTNERS, **params)
    alliances = _rows(tx, cypher.NETWORK_ALLIANCES, archived_status=AllianceStatus.ARCHIVED.value,
                      **params)
    return assemble(municipalities=municipalities, schools=schools, partners=partners,
                    alliances=alliances, narrow_schools=bool(kind or status),
                    narrow_partners=bool(municipality or status))


def assemble(*, municipalities: list[dict], schools: list[dict], partners: list[dict],
             alliances: list[dict], narrow_schools: bool,
             narrow_partners: bool) -> dict[str, list[dict]]:
    """Nodes and edges from the rows read; an alliance shows only if both ends show."""
    school_keys, partner_keys = {s["key"] for s in schools}, {p["key"] for p in partners}
    alliances = [a for a in alliances if a["school"] in school_keys
                 and a["partner"] in partner_keys]
    municipality_keys = {m["key"] for m in municipalities}
    if narrow_schools:
        school_keys = {a["school"] for a in alliances}
        municipality_keys = {m for s in schools if s["key"] in school_keys
                             for m in s["municipalities"]} & municipality_keys
    if narrow_partners:
        partner_keys = {a["partner"] for a in alliances}
    nodes = [{"id": f"m:{m['key']}", "type": "municipality", "key": m["key"],
              "label": m["name"] or m["key"]}
             for m in municipalities if m["key"] in municipality_keys]
    edges = []
    for s in schools:
        if s["key"] not in school_keys:
            continue
        nodes.append({"id": f"s:{s['key']}", "type": "school", "key": s["key"],
                      "label": s["name"] or s["key"], "level": s["level"]})
        edges += [{"id": f"in:{s['key']}:{m}", "type": "in", "source": f"s:{s['key']}",
                   "target": f"m:{m}"} for m in s["municipalities"] if m in municipality_keys]
    nodes += [{"id": f"p:{p['key']}", "type": "partner", "key": p["key"],
               "label": p["name"] or p["key"], "kind": p["kind"]}
              for p in partners if p["key"] in partner_keys]
    edges += [{"id": f"a:{a['key']}", "type": "alliance", "key": a["key"],
               "source": f"s:{a['school']}", "target": f"p:{a['partner']}",
               "label": a["theme"] or "", "status": a["status"],
               "start_year": a["start_year"], "end_year": a["end_year"]} for a in alliances]
    return {"nodes": nodes, "edges": edges}
