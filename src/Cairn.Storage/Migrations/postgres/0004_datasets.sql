-- Dataset inputs of runs (MLflow's log-inputs): datasets are unique per experiment by (name, digest);
-- a run links to a dataset once, with input tags such as mlflow.data.context.
CREATE TABLE datasets (
    id TEXT PRIMARY KEY,
    project_id BIGINT NOT NULL,
    experiment_number BIGINT NOT NULL,
    name TEXT NOT NULL,
    digest TEXT NOT NULL,
    source_type TEXT NOT NULL,
    source TEXT NOT NULL,
    schema_json TEXT NOT NULL,
    profile_json TEXT NOT NULL,
    UNIQUE (project_id, experiment_number, name, digest),
    FOREIGN KEY (project_id, experiment_number) REFERENCES experiments (project_id, number)
);

CREATE TABLE run_inputs (
    run_id TEXT NOT NULL REFERENCES runs (id),
    dataset_id TEXT NOT NULL REFERENCES datasets (id),
    PRIMARY KEY (run_id, dataset_id)
);

CREATE TABLE run_input_tags (
    run_id TEXT NOT NULL,
    dataset_id TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (run_id, dataset_id, key),
    FOREIGN KEY (run_id, dataset_id) REFERENCES run_inputs (run_id, dataset_id)
);
