-- Evaluation datasets: immutable versions of a named file (CSV or JSON lines) whose bytes are a
-- content-addressed blob named by digest. Uploading the same bytes again finds the existing version.
CREATE TABLE evaluation_datasets (
    project_id INTEGER NOT NULL REFERENCES projects (id),
    name TEXT NOT NULL,
    version INTEGER NOT NULL,
    digest TEXT NOT NULL,
    format TEXT NOT NULL,
    row_count INTEGER NOT NULL,
    columns_json TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    description TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (project_id, name, version),
    UNIQUE (project_id, name, digest)
);
