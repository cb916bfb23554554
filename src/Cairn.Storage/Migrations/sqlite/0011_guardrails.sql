-- Guardrails: a policy (YAML) per project and route, versioned; each project's key for salted hashes and
-- pseudonymization tokens, protected by the server's data-protection keys; the pseudonymization vault (token to
-- protected value); and red-team reports as uploaded by 'cairn redteam run --upload'.
CREATE TABLE guardrail_policies (
    project_id INTEGER NOT NULL REFERENCES projects (id),
    route TEXT NOT NULL,
    version INTEGER NOT NULL,
    yaml TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (project_id, route)
);

CREATE TABLE guardrail_keys (
    project_id INTEGER NOT NULL PRIMARY KEY REFERENCES projects (id),
    protected_key TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE guardrail_vault (
    project_id INTEGER NOT NULL REFERENCES projects (id),
    token TEXT NOT NULL,
    entity TEXT NOT NULL,
    protected_value TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (project_id, token)
);

CREATE TABLE redteam_reports (
    project_id INTEGER NOT NULL REFERENCES projects (id),
    id TEXT NOT NULL,
    target TEXT NOT NULL,
    model TEXT NOT NULL,
    attempted INTEGER NOT NULL,
    succeeded INTEGER NOT NULL,
    report TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (project_id, id)
);
