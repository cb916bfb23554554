-- The model registry: registered models, immutable versions whose files are a manifest of
-- content-addressed blobs (the blobs stay while any version references them), tags and aliases.
CREATE TABLE registered_models (
    id TEXT PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects (id),
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    risk_tier TEXT NOT NULL,
    owner TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    next_version INTEGER NOT NULL,
    UNIQUE (project_id, name)
);

CREATE TABLE registered_model_tags (
    model_id TEXT NOT NULL REFERENCES registered_models (id),
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (model_id, key)
);

CREATE TABLE model_versions (
    model_id TEXT NOT NULL REFERENCES registered_models (id),
    version INTEGER NOT NULL,
    source TEXT NOT NULL,
    run_id TEXT NULL,
    logged_model_id TEXT NULL,
    description TEXT NOT NULL,
    author TEXT NOT NULL,
    stage TEXT NOT NULL,
    status TEXT NOT NULL,
    digest TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (model_id, version)
);

CREATE TABLE model_version_tags (
    model_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (model_id, version, key),
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, version)
);

CREATE TABLE model_version_files (
    model_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    PRIMARY KEY (model_id, version, path),
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, version)
);

CREATE INDEX ix_model_version_files_sha256 ON model_version_files (sha256);

CREATE TABLE model_aliases (
    model_id TEXT NOT NULL,
    alias TEXT NOT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (model_id, alias),
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, version)
);
