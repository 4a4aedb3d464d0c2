"""gunicorn settings (`gunicorn -c python:app.gunicorn_conf …`): the master owns the
embedded graph server.

Before any worker is forked, the master starts the embedded graph server (when GRAPH_URI
is unset) for as long as it runs, and copies audit events an earlier SQL outage left
waiting in the graph. Workers reuse that server and never start or stop one.
"""
from __future__ import annotations

from typing import Any


def on_starting(server: Any) -> None:  # noqa: ARG001 - gunicorn's hook signature
    from app import create_app
    from app.audit import mirror_all
    from app.extensions import graph
    from config import config_from_env

    app = create_app(config_from_env())
    with app.app_context():
        graph.set_embedded_start("attached")
        graph.ping()
        mirror_all()
    graph.close()  # the driver's sockets must not be shared with forked workers
