-- Evaluation datasets: immutable versions of a named file (CSV or JSON lines) whose bytes are a
-- content-addressed blob named by digest. Uploading the same bytes again finds the existing version.
CREATE TABLE evaluation_datasets (
    project_id BIGINT NOT NULL REFERENCES projects (id),
    name TEXT NOT NULL,
    version BIGINT NOT NULL,
    digest TEXT NOT NULL,
    format TEXT NOT NULL,
    row_count BIGINT NOT NULL,
    columns_json TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    description TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (project_id, name, version),
    UNIQUE (project_id, name, digest)
);
