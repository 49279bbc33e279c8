"""Settings from the environment, one place for every knob (CLI flags override them)."""
from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, Field


class Settings(BaseModel):
    home: Path = Field(default_factory=lambda: Path(os.environ.get("REKG_HOME", ".rekg")))
    store: str = Field(default_factory=lambda: os.environ.get("REKG_STORE", "networkx"))
    neo4j_uri: str = Field(default_factory=lambda: os.environ.get("REKG_NEO4J_URI", "bolt://127.0.0.1:7687"))
    neo4j_user: str = Field(default_factory=lambda: os.environ.get("REKG_NEO4J_USER", "neo4j"))
    neo4j_password: str = Field(default_factory=lambda: os.environ.get("REKG_NEO4J_PASSWORD", ""))
    neo4j_database: str = Field(default_factory=lambda: os.environ.get("REKG_NEO4J_DATABASE", "neo4j"))
    api_key: str | None = Field(default_factory=lambda: os.environ.get("REKG_API_KEY") or None)
    host: str = Field(default_factory=lambda: os.environ.get("REKG_HOST", "127.0.0.1"))
    port: int = Field(default_factory=lambda: int(os.environ.get("REKG_PORT", "8000")))
    max_body_bytes: int = Field(default_factory=lambda: int(os.environ.get("REKG_MAX_BODY_BYTES", str(2_000_000))))
    query_time_limit_ms: int = Field(default_factory=lambda: int(os.environ.get("REKG_QUERY_TIME_LIMIT_MS", "5000")))
    query_max_rows: int = Field(default_factory=lambda: int(os.environ.get("REKG_QUERY_MAX_ROWS", "1000")))
    store_readers: int = Field(default_factory=lambda: int(os.environ.get("REKG_STORE_READERS", "4")), ge=1)

    def with_store(self, store: str | None) -> "Settings":
        return self.model_copy(update={"store": store}) if store else self
