-- A run's artifact tree: each path points at a content-addressed blob (blobs/sha256/..).
CREATE TABLE run_artifacts (
    run_id TEXT NOT NULL REFERENCES runs (id),
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (run_id, path)
);

CREATE INDEX ix_run_artifacts_sha256 ON run_artifacts (sha256);
