-- Experiment tracking: experiments numbered per project (each project has its own Default "0"),
-- runs, write-once params, tags, full metric history and the latest value per metric for search.
ALTER TABLE projects ADD COLUMN next_experiment BIGINT NOT NULL DEFAULT 1;

CREATE TABLE experiments (
    project_id BIGINT NOT NULL REFERENCES projects (id),
    number BIGINT NOT NULL,
    name TEXT NOT NULL,
    artifact_location TEXT NOT NULL,
    lifecycle_stage TEXT NOT NULL CHECK (lifecycle_stage IN ('active', 'deleted')),
    creation_time BIGINT NOT NULL,
    last_update_time BIGINT NOT NULL,
    PRIMARY KEY (project_id, number),
    UNIQUE (project_id, name)
);

CREATE TABLE experiment_tags (
    project_id BIGINT NOT NULL,
    experiment_number BIGINT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (project_id, experiment_number, key),
    FOREIGN KEY (project_id, experiment_number) REFERENCES experiments (project_id, number)
);

CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    project_id BIGINT NOT NULL,
    experiment_number BIGINT NOT NULL,
    name TEXT NOT NULL,
    user_id TEXT NOT NULL,
    status TEXT NOT NULL,
    start_time BIGINT NOT NULL,
    end_time BIGINT,
    artifact_uri TEXT NOT NULL,
    lifecycle_stage TEXT NOT NULL CHECK (lifecycle_stage IN ('active', 'deleted')),
    deleted_time BIGINT,
    FOREIGN KEY (project_id, experiment_number) REFERENCES experiments (project_id, number)
);

CREATE INDEX ix_runs_experiment ON runs (project_id, experiment_number, lifecycle_stage, start_time DESC, id);

CREATE TABLE run_params (
    run_id TEXT NOT NULL REFERENCES runs (id),
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (run_id, key)
);

-- PostgreSQL caps b-tree entries at about 2.7 kB, and values may be 8,000 characters: index keys only.
CREATE INDEX ix_run_params_key ON run_params (key);

CREATE TABLE run_tags (
    run_id TEXT NOT NULL REFERENCES runs (id),
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (run_id, key)
);

CREATE INDEX ix_run_tags_key ON run_tags (key);

-- NaN is stored as value 0 with is_nan 1 (one encoding for both providers); infinities are stored as such.
CREATE TABLE metrics (
    run_id TEXT NOT NULL REFERENCES runs (id),
    key TEXT NOT NULL,
    step BIGINT NOT NULL,
    timestamp BIGINT NOT NULL,
    is_nan BIGINT NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (run_id, key, step, timestamp, is_nan, value)
);

CREATE TABLE latest_metrics (
    run_id TEXT NOT NULL REFERENCES runs (id),
    key TEXT NOT NULL,
    step BIGINT NOT NULL,
    timestamp BIGINT NOT NULL,
    is_nan BIGINT NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (run_id, key)
);

CREATE INDEX ix_latest_metrics_key ON latest_metrics (key, is_nan, value);
