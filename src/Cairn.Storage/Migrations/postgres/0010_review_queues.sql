-- Human review: a queue of items, each an input with two outputs (A and B) to compare blind, and one
-- vote per reviewer per item (a, b, tie or both_bad) with an optional comment.
CREATE TABLE review_queues (
    project_id BIGINT NOT NULL REFERENCES projects (id),
    name TEXT NOT NULL,
    label_a TEXT NOT NULL,
    label_b TEXT NOT NULL,
    item_count BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (project_id, name)
);

CREATE TABLE review_items (
    project_id BIGINT NOT NULL,
    queue TEXT NOT NULL,
    id BIGINT NOT NULL,
    input TEXT NOT NULL,
    output_a TEXT NOT NULL,
    output_b TEXT NOT NULL,
    PRIMARY KEY (project_id, queue, id),
    FOREIGN KEY (project_id, queue) REFERENCES review_queues (project_id, name)
);

CREATE TABLE review_votes (
    project_id BIGINT NOT NULL,
    queue TEXT NOT NULL,
    item_id BIGINT NOT NULL,
    reviewer TEXT NOT NULL,
    choice TEXT NOT NULL,
    comment TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (project_id, queue, item_id, reviewer),
    FOREIGN KEY (project_id, queue, item_id) REFERENCES review_items (project_id, queue, id)
);
