"""The network view: schools, partners and municipalities as one graph to draw."""
from __future__ import annotations

from app.extensions import graph
from app.tenancy import Access
from graph import network_view


def network_graph(*, access: Access, municipality: str | None = None,
                  partner_kind: str | None = None, status: str | None = None) -> dict:
    """{"nodes": [{id, type, key, label, …}], "edges": [{source, target, type, …}]}:
    municipality, school and partner nodes; a school's edge to its municipality and one
    edge per alliance (with key, status, theme, years). Archived entities are left out."""
    access.require("network.view")
    return graph.read(network_view.network_graph, tenant=access.tenant.slug,
                      municipality=municipality, partner_kind=partner_kind, status=status)
