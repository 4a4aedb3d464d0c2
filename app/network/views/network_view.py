"""The network view: schools, partners and municipalities as an interactive graph drawn
from the graph database (filters: municipality, partner kind, alliance status).

The page draws /t/<slug>/network.json with the vendored Cytoscape.js. Only schools,
partners, municipalities and alliances appear; family-level data never does.
"""
from __future__ import annotations

from typing import Any

from flask import jsonify, render_template, request

from app.extensions import graph
from app.network import service
from app.network.forms import STATUS_CHOICES, enum_choices
from app.network.parsers import Choice, Key, parse_args
from app.network.views import bp
from app.network.views.page_helpers import ALL, url
from app.tenancy import current_access, tenant_route
from graph.model import AllianceStatus, PartnerKind
from graph.network_view import read_network

FILTERS = {"municipality": Key("municipality"), "kind": Choice(PartnerKind),
           "status": Choice(AllianceStatus)}
DETAIL = {"school": "network.school_detail", "partner": "network.partner_detail",
          "municipality": "network.municipality_detail", "alliance": "network.alliance_detail"}


def network_filters(args: Any) -> dict[str, str | None]:
    """Every filter, None when not given (Invalid names each bad one)."""
    return {**dict.fromkeys(FILTERS), **parse_args(args, FILTERS, what="filter")}


def network_data(*, tenant: str, filters: dict[str, str | None]) -> dict[str, Any]:
    """Nodes and edges (with the URL of each one's page) for the filters."""
    found = graph.read(read_network, tenant=tenant, **filters)
    for element in (*found["nodes"], *found["edges"]):
        endpoint = DETAIL.get(element["type"])
        if endpoint:
            element["url"] = url(endpoint, key=element["key"])
    types = [n["type"] for n in found["nodes"]]
    found["counts"] = {t: types.count(t) for t in ("school", "partner", "municipality")}
    found["counts"]["alliance"] = sum(e["type"] == "alliance" for e in found["edges"])
    return found


@bp.route("/t/<slug>/network")
@tenant_route("network.view")
def network_page(slug: str):
    access = current_access()
    filters = network_filters(request.args)
    municipalities = service.list_municipalities(access=access, per_page=ALL).items
    return render_template(
        "network/network.html", filters=filters, municipalities=municipalities,
        kinds=enum_choices(PartnerKind), statuses=STATUS_CHOICES[1:],
        source=url("network.network_json", **{k: v for k, v in filters.items() if v}))


@bp.route("/t/<slug>/network.json")
@tenant_route("network.view")
def network_json(slug: str):
    return jsonify(network_data(tenant=slug, filters=network_filters(request.args)))
