"""The WSGI entry point for production servers: `gunicorn … app.wsgi:application`.

Workers only reuse the embedded graph server (when GRAPH_URI is unset): gunicorn's
master starts it before forking (app.gunicorn_conf), so a worker that dies or is
recycled never takes the graph down with it.
"""
from __future__ import annotations

from app import create_app
from app.extensions import graph
from config import config_from_env

application = create_app(config_from_env())
graph.set_embedded_start("never")
