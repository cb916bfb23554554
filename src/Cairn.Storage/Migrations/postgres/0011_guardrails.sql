-- Guardrails: a policy (YAML) per project and route, versioned; each project's key for salted hashes and
-- pseudonymization tokens, protected by the server's data-protection keys; the pseudonymization vault (token to
-- protected value); and red-team reports as uploaded by 'cairn redteam run --upload'.
CREATE TABLE guardrail_policies (
    project_id BIGINT NOT NULL REFERENCES projects (id),
    route TEXT NOT NULL,
    version BIGINT NOT NULL,
    yaml TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (project_id, route)
);

CREATE TABLE guardrail_keys (
    project_id BIGINT NOT NULL PRIMARY KEY REFERENCES projects (id),
    protected_key TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE guardrail_vault (
    project_id BIGINT NOT NULL REFERENCES projects (id),
    token TEXT NOT NULL,
    entity TEXT NOT NULL,
    protected_value TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (project_id, token)
);

CREATE TABLE redteam_reports (
    project_id BIGINT NOT NULL REFERENCES projects (id),
    id TEXT NOT NULL,
    target TEXT NOT NULL,
    model TEXT NOT NULL,
    attempted BIGINT NOT NULL,
    succeeded BIGINT NOT NULL,
    report TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (project_id, id)
);
