"""The WSGI entry point for a production server: `gunicorn -w 4 app.wsgi:application`.

gunicorn (20.1 and later) accepts only literal arguments in an `app:create_app(...)`
factory call, so the configuration class named by IMANT_ENV is chosen here instead.
"""
from __future__ import annotations

from app import create_app
from config import config_from_env

application = create_app(config_from_env())
