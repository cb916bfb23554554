-- What governs the registry: signing keys and detached signatures of version digests, the project
-- policy, promotion requests with their reviews, model cards, retention policies, and lineage edges
-- from versions to what follows them (deployments, evaluation runs).
CREATE TABLE signing_keys (
    project_id INTEGER NOT NULL REFERENCES projects (id),
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    public_key TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER NULL,
    PRIMARY KEY (project_id, id),
    UNIQUE (project_id, name)
);

CREATE TABLE model_version_signatures (
    model_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    key_id TEXT NOT NULL,
    signature TEXT NOT NULL,
    signed_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (model_id, version, key_id),
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, version)
);

CREATE TABLE registry_policies (
    project_id INTEGER PRIMARY KEY REFERENCES projects (id),
    policy_json TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE promotion_requests (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects (id),
    model_id TEXT NOT NULL,
    alias TEXT NOT NULL,
    version INTEGER NOT NULL,
    requested_by TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, version)
);

CREATE INDEX ix_promotion_requests_project ON promotion_requests (project_id, status, id);
CREATE INDEX ix_promotion_requests_model ON promotion_requests (model_id, alias, status);

CREATE TABLE promotion_reviews (
    request_id INTEGER NOT NULL REFERENCES promotion_requests (id),
    reviewer TEXT NOT NULL,
    decision TEXT NOT NULL,
    comment TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (request_id, reviewer)
);

CREATE TABLE model_cards (
    model_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    fields_json TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (model_id, version),
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, version)
);

CREATE TABLE model_retention (
    model_id TEXT PRIMARY KEY REFERENCES registered_models (id),
    keep_last INTEGER NULL,
    keep_days INTEGER NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE version_edges (
    model_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    relation TEXT NOT NULL,
    to_kind TEXT NOT NULL,
    to_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (model_id, version, relation, to_kind, to_id),
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, version)
);

CREATE INDEX ix_version_edges_to ON version_edges (to_kind, to_id);
CREATE INDEX ix_model_versions_run ON model_versions (run_id);
