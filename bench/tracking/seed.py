"""Seeds a Cairn SQLite database for the read benchmarks: N runs in the default project's experiment 1,
each with metrics acc/loss, params lr/depth and a tag, plus one run with a 100,000-point history.
Writes straight to the schema (migration 0002) because seeding through HTTP would dominate the run;
what is measured afterwards goes through HTTP."""
import random, sqlite3, sys, uuid

db, runs, history = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
random.seed(42)
con = sqlite3.connect(db)
cur = con.cursor()
project = cur.execute("SELECT id FROM projects WHERE name = 'default'").fetchone()[0]
now = 1700000000000
cur.execute("INSERT OR IGNORE INTO experiments VALUES (?, 1, 'bench', 'mlflow-artifacts:/1', 'active', ?, ?)", (project, now, now))
cur.execute("UPDATE projects SET next_experiment = 2 WHERE id = ?", (project,))
run_rows, metric_rows, param_rows, tag_rows = [], [], [], []
for i in range(runs):
    rid = uuid.UUID(int=random.getrandbits(128)).hex
    run_rows.append((rid, project, 1, f"run-{i}", "bench", "FINISHED", now + i, now + i + 1000, f"mlflow-artifacts:/1/{rid}/artifacts", "active", None))
    for key, value in (("acc", random.random()), ("loss", random.random() * 3)):
        metric_rows.append((rid, key, 9, now + i, 0, value))
    param_rows += [(rid, "lr", random.choice(["0.1", "0.01", "0.001"])), (rid, "depth", str(random.randint(2, 12)))]
    tag_rows.append((rid, "mlflow.runName", f"run-{i}"))
cur.executemany("INSERT INTO runs VALUES (?,?,?,?,?,?,?,?,?,?,?)", run_rows)
cur.executemany("INSERT INTO latest_metrics VALUES (?,?,?,?,?,?)", metric_rows)
cur.executemany("INSERT INTO metrics VALUES (?,?,?,?,?,?)", metric_rows)
cur.executemany("INSERT INTO run_params VALUES (?,?,?)", param_rows)
cur.executemany("INSERT INTO run_tags VALUES (?,?,?)", tag_rows)
hid = uuid.uuid4().hex
cur.execute("INSERT INTO runs VALUES (?,?,0,'history','bench','FINISHED',?,?,?,'active',NULL)", (hid, project, now, now, f"mlflow-artifacts:/0/{hid}/artifacts"))
cur.execute("INSERT OR IGNORE INTO experiments VALUES (?, 0, 'Default', 'mlflow-artifacts:/0', 'active', ?, ?)", (project, now, now))
cur.executemany("INSERT INTO metrics VALUES (?,?,?,?,?,?)", ((hid, "loss", s, now + s, 0, 1.0 / (s + 1)) for s in range(history)))
cur.execute("INSERT INTO latest_metrics VALUES (?,?,?,?,?,?)", (hid, "loss", history - 1, now + history - 1, 0, 1.0 / history))
con.commit()
print(hid)
