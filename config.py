"""Configuration: the only module that reads the environment."""
from __future__ import annotations

import os
import secrets
from pathlib import Path


def _instance_dir() -> Path:
    return Path(os.environ.get("IMANT_INSTANCE", "instance")).resolve()


def kept_secret(path: Path, *, nbytes: int = 32) -> str:
    """A random secret generated once and kept with mode 0600 at `path`.

    The file appears whole (written aside, then hard-linked into place), so a process
    racing to create it reads the winner's value rather than an empty or second one.
    """
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(nbytes)
    aside = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(aside, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w") as fh:
            fh.write(value)
        os.link(aside, path)
    except FileExistsError:
        return path.read_text().strip()
    finally:
        aside.unlink(missing_ok=True)
    return value


def _bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


class ConfigError(RuntimeError):
    """The environment does not describe a runnable configuration."""


class Config:
    """Development defaults: embedded graph server, SQLite in the instance folder."""

    ENV_NAME = "development"
    INSTANCE_PATH = _instance_dir()
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{INSTANCE_PATH / 'imant.sqlite3'}"
    )
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    GRAPH_URI = os.environ.get("GRAPH_URI") or None
    GRAPH_USER = os.environ.get("GRAPH_USER", "root")
    GRAPH_PASSWORD = os.environ.get("GRAPH_PASSWORD")
    GRAPH_DATABASE = os.environ.get("GRAPH_DATABASE", "imant")
    GRAPH_DIR = INSTANCE_PATH / "graph"
    # 1.5 GB keeps a 100k-row import transaction out of garbage-collection trouble
    GRAPH_HEAP = os.environ.get("IMANT_GRAPH_HEAP", "1536m")
    # a dead graph server answers 503 within seconds: bounded connect and retry times
    GRAPH_CONNECT_TIMEOUT = float(os.environ.get("GRAPH_CONNECT_TIMEOUT", "2"))
    GRAPH_RETRY_SECONDS = float(os.environ.get("GRAPH_RETRY_SECONDS", "5"))
    # a frozen graph server answers 503 after this long instead of holding the request;
    # a bulk import, one transaction of up to 100,000 rows, gets the longer one
    GRAPH_TX_TIMEOUT = float(os.environ.get("GRAPH_TX_TIMEOUT", "10"))
    GRAPH_IMPORT_TIMEOUT = float(os.environ.get("GRAPH_IMPORT_TIMEOUT", "600"))
    # /healthz answers within this many seconds, naming a store that did not
    HEALTH_TIMEOUT = float(os.environ.get("IMANT_HEALTH_TIMEOUT", "2"))
    DEMO_PASSWORD = os.environ.get("IMANT_DEMO_PASSWORD")
    REPORTS_DIR = INSTANCE_PATH / "reports"
    IMPORT_MAX_ROWS = int(os.environ.get("IMANT_IMPORT_MAX_ROWS", "100000"))
    IMPORT_MAX_BYTES = int(os.environ.get("IMANT_IMPORT_MAX_BYTES", str(32 * 1024 * 1024)))
    IMPORT_BATCH_SIZE = int(os.environ.get("IMANT_IMPORT_BATCH_SIZE", "5000"))
    # every request body but an upload's (which declares its own): 1 MiB
    MAX_CONTENT_LENGTH = int(os.environ.get("IMANT_MAX_BODY_BYTES", str(1024 * 1024)))
    MAX_JSON_DEPTH = int(os.environ.get("IMANT_MAX_JSON_DEPTH", "32"))
    TOKEN_LIFETIME_DAYS = int(os.environ.get("IMANT_TOKEN_DAYS", "90"))
    # invitation and password-reset links a coordinator hands out: single use, then expire
    INVITATION_LIFETIME_DAYS = int(os.environ.get("IMANT_INVITATION_DAYS", "7"))
    SUPPRESSION_THRESHOLD = int(os.environ.get("IMANT_SUPPRESSION_THRESHOLD", "5"))
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    HSTS_MAX_AGE = 0  # Strict-Transport-Security only where the site is served over HTTPS
    WTF_CSRF_TIME_LIMIT = None
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    LOGIN_RATE_LIMIT = os.environ.get("IMANT_LOGIN_RATE_LIMIT", "10 per minute")
    # indicator answers cached per tenant data version (app.cache): an LRU per process,
    # shared between processes through Redis when REDIS_URL is set
    REDIS_URL = os.environ.get("REDIS_URL") or None
    RESULT_CACHE = _bool("IMANT_RESULT_CACHE", True)
    RESULT_CACHE_MB = float(os.environ.get("IMANT_RESULT_CACHE_MB", "64"))
    RESULT_CACHE_TTL = int(os.environ.get("IMANT_RESULT_CACHE_TTL", "3600"))
    RESULT_CACHE_PREFIX = "imant:answers:"
    SCHEDULER_BESIDE = _bool("IMANT_SCHEDULER_BESIDE", False)  # `serve` starts the worker too
    TESTING = False

    @classmethod
    def finalise(cls, config: dict) -> None:
        """Fill derived secrets; called by create_app once the class is chosen."""
        if not config.get("SECRET_KEY"):
            config["SECRET_KEY"] = kept_secret(Path(config["INSTANCE_PATH"]) / "secret_key")


class ProductionConfig(Config):
    """Production: a secret key must be given, cookies are Secure."""

    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    HSTS_MAX_AGE = int(os.environ.get("IMANT_HSTS_MAX_AGE", str(365 * 24 * 3600)))

    @classmethod
    def finalise(cls, config: dict) -> None:
        if not config.get("SECRET_KEY"):
            raise ConfigError(
                "SECRET_KEY is not set: production refuses to start without one "
                "(set the SECRET_KEY environment variable to a long random string)"
            )


class TestConfig(Config):
    """Tests: SQL from TEST_DATABASE_URL (default in-memory SQLite), quick CSRF-free helpers off."""

    ENV_NAME = "test"
    TESTING = True
    SECRET_KEY = "test-secret-key"
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    TEST_GRAPH_URI = os.environ.get("TEST_GRAPH_URI") or None


def config_from_env() -> type[Config]:
    """The config class named by IMANT_ENV (development by default)."""
    name = os.environ.get("IMANT_ENV", "development").lower()
    return {"production": ProductionConfig, "test": TestConfig}.get(name, Config)
