"""The platform starts on real stores and answers its health check."""
from app.extensions import graph


def test_healthz_reports_both_stores_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "sql": "ok", "graph": "ok"}


def test_graph_answers_through_the_driver(app):
    assert graph.ping() is True
