-- MLflow 3.x logged models: a model logged from (or outside) a run, with its own artifact tree
-- <experiment>/models/<model_id>/artifacts, params (write-once), tags, and the runs that output
-- or consumed it.
CREATE TABLE logged_models (
    id TEXT PRIMARY KEY,
    project_id BIGINT NOT NULL,
    experiment_number BIGINT NOT NULL,
    name TEXT NOT NULL,
    model_type TEXT NULL,
    source_run_id TEXT NULL,
    status TEXT NOT NULL,
    status_message TEXT NULL,
    lifecycle_stage TEXT NOT NULL,
    artifact_uri TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    FOREIGN KEY (project_id, experiment_number) REFERENCES experiments (project_id, number)
);

CREATE INDEX ix_logged_models_experiment ON logged_models (project_id, experiment_number, created_at);

CREATE TABLE logged_model_tags (
    model_id TEXT NOT NULL REFERENCES logged_models (id),
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (model_id, key)
);

CREATE TABLE logged_model_params (
    model_id TEXT NOT NULL REFERENCES logged_models (id),
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (model_id, key)
);

CREATE TABLE model_artifacts (
    model_id TEXT NOT NULL REFERENCES logged_models (id),
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (model_id, path)
);

CREATE INDEX ix_model_artifacts_sha256 ON model_artifacts (sha256);

-- direction: 'output' (log-outputs, with the step) or 'input' (log-inputs models).
CREATE TABLE run_models (
    run_id TEXT NOT NULL REFERENCES runs (id),
    model_id TEXT NOT NULL REFERENCES logged_models (id),
    direction TEXT NOT NULL,
    step BIGINT NOT NULL,
    PRIMARY KEY (run_id, model_id, direction)
);
