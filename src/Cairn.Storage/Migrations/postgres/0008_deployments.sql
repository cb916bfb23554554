-- Deployments: a named, served model of a project. The model is a registry version (pinned by
-- number; its digest is re-verified at every load) and the serving settings are kept as JSON.
CREATE TABLE deployments (
    project_id BIGINT NOT NULL REFERENCES projects (id),
    name TEXT NOT NULL,
    model_name TEXT NOT NULL,
    model_version BIGINT NOT NULL,
    model_file TEXT NOT NULL,
    settings_json TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (project_id, name)
);
