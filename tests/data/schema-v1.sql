-- A Stint database at schema version 1, as the first release wrote it:
-- entries, projects and tags, no outbox. test-store loads this into a file
-- and checks that opening it migrates to the current schema and keeps every
-- row. Do not change it to follow the schema: it is history.
PRAGMA foreign_keys = OFF;
BEGIN TRANSACTION;
CREATE TABLE entries (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  server_id    INTEGER,
  workspace_id INTEGER NOT NULL DEFAULT 0,
  project_id   INTEGER NOT NULL DEFAULT 0,
  task_id      INTEGER NOT NULL DEFAULT 0,
  description  TEXT NOT NULL DEFAULT '',
  tags         TEXT NOT NULL DEFAULT '[]',
  billable     INTEGER NOT NULL DEFAULT 0,
  start        INTEGER NOT NULL,
  stop         INTEGER,
  at           INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX entries_server_id ON entries (server_id) WHERE server_id IS NOT NULL;
CREATE INDEX entries_start ON entries (start);
CREATE UNIQUE INDEX entries_one_running ON entries ((stop IS NULL)) WHERE stop IS NULL;
CREATE TABLE projects (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  server_id    INTEGER,
  workspace_id INTEGER NOT NULL DEFAULT 0,
  name         TEXT NOT NULL,
  color        TEXT,
  active       INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX projects_server_id ON projects (server_id) WHERE server_id IS NOT NULL;
CREATE TABLE tags (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  server_id    INTEGER,
  workspace_id INTEGER NOT NULL DEFAULT 0,
  name         TEXT NOT NULL,
  UNIQUE (workspace_id, name)
);
CREATE UNIQUE INDEX tags_server_id ON tags (server_id) WHERE server_id IS NOT NULL;

INSERT INTO projects VALUES (1, 9001, 42, 'Stint', '#3584e4', 1);
INSERT INTO projects VALUES (2, NULL, 0, 'Garden', '#2ec27e', 0);

INSERT INTO tags VALUES (1, 7001, 42, 'deep work');
INSERT INTO tags VALUES (2, NULL, 0, 'café');

-- 2024-03-01 09:00–10:30 UTC, from the server, with tags and billable
INSERT INTO entries VALUES (1, 3000000001, 42, 1, 0, 'Write the store', '["deep work","café ☕"]', 1, 1709283600, 1709289000, 1709289005);
-- 2024-03-01 11:00–11:45 UTC, local only
INSERT INTO entries VALUES (2, NULL, 0, 2, 0, 'Weed the beds', '[]', 0, 1709290800, 1709293500, 0);
-- 2024-03-01 13:00 UTC, still running
INSERT INTO entries VALUES (3, NULL, 0, 0, 0, 'Read about SQLite', '[]', 0, 1709298000, NULL, 0);

COMMIT;
PRAGMA user_version = 1;
