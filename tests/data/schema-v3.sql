-- A Stint database at schema version 3, as Stint wrote it before schema 4:
-- local mode's rows beside a Toggl Track account's ('track:1001', the
-- current one), with an outbox on each side. test-store-schema4 loads this
-- into a file and checks that opening it migrates to the current schema and
-- keeps every row. Do not change it to follow the schema: it is history.
PRAGMA foreign_keys=OFF;
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
, sync_state INTEGER NOT NULL DEFAULT 0, sync_error TEXT, account TEXT NOT NULL DEFAULT 'local');
INSERT INTO entries VALUES(1,3000000001,42,1,0,'Write the store','["deep work","café ☕"]',1,1709283600,1709289000,1709289005,0,NULL,'local');
INSERT INTO entries VALUES(2,NULL,0,2,0,'Weed the beds','[]',0,1709290800,1709293500,0,0,NULL,'local');
INSERT INTO entries VALUES(3,NULL,0,0,0,'Read about SQLite','[]',0,1709298000,NULL,0,1,NULL,'local');
INSERT INTO entries VALUES(4,4000000001,5001,3,0,'Fix the header','["deep work"]',1,1709301600,1709305200,1709305210,0,NULL,'track:1001');
INSERT INTO entries VALUES(5,NULL,0,4,0,'Tracked offline','[]',0,1709308800,NULL,0,1,NULL,'track:1001');
CREATE TABLE projects (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  server_id    INTEGER,
  workspace_id INTEGER NOT NULL DEFAULT 0,
  name         TEXT NOT NULL,
  color        TEXT,
  active       INTEGER NOT NULL DEFAULT 1
, account TEXT NOT NULL DEFAULT 'local');
INSERT INTO projects VALUES(1,9001,42,'Stint','#3584e4',1,'local');
INSERT INTO projects VALUES(2,NULL,0,'Garden','#2ec27e',0,'local');
INSERT INTO projects VALUES(3,202,5001,'Website','#e66100',1,'track:1001');
INSERT INTO projects VALUES(4,NULL,0,'Offline project',NULL,1,'track:1001');
CREATE TABLE outbox (  id           INTEGER PRIMARY KEY AUTOINCREMENT,  entry_id     INTEGER NOT NULL,  server_id    INTEGER,  kind         INTEGER NOT NULL,  created_at   INTEGER NOT NULL,  attempts     INTEGER NOT NULL DEFAULT 0,  last_error   TEXT, account TEXT NOT NULL DEFAULT 'local', workspace_id INTEGER NOT NULL DEFAULT 0, is_stop INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL DEFAULT 0, failed INTEGER NOT NULL DEFAULT 0);
INSERT INTO outbox VALUES(1,3,NULL,1,1709283600,0,NULL,'local',0,0,0,0);
INSERT INTO outbox VALUES(2,5,NULL,1,1709308800,1,'The network is down.','track:1001',5001,0,1709308860,0);
CREATE TABLE meta (  key          TEXT PRIMARY KEY,  value        TEXT) WITHOUT ROWID;
INSERT INTO meta VALUES('account','track:1001');
INSERT INTO meta VALUES('track:1001/since','1709300000');
CREATE TABLE IF NOT EXISTS "tags" (  id           INTEGER PRIMARY KEY AUTOINCREMENT,  server_id    INTEGER,  workspace_id INTEGER NOT NULL DEFAULT 0,  name         TEXT NOT NULL,  account      TEXT NOT NULL DEFAULT 'local',  UNIQUE (account, workspace_id, name));
INSERT INTO tags VALUES(1,7001,42,'deep work','local');
INSERT INTO tags VALUES(2,NULL,0,'café','local');
INSERT INTO tags VALUES(3,7001,5001,'deep work','track:1001');
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('projects',4);
INSERT INTO sqlite_sequence VALUES('entries',5);
INSERT INTO sqlite_sequence VALUES('tags',3);
INSERT INTO sqlite_sequence VALUES('outbox',2);
CREATE INDEX outbox_entry_id ON outbox (entry_id);
CREATE UNIQUE INDEX entries_server_id ON entries (account, server_id)  WHERE server_id IS NOT NULL;
CREATE INDEX entries_start ON entries (account, start);
CREATE UNIQUE INDEX entries_one_running ON entries (account, (stop IS NULL)) WHERE stop IS NULL;
CREATE UNIQUE INDEX projects_server_id ON projects (account, server_id)  WHERE server_id IS NOT NULL;
CREATE UNIQUE INDEX tags_server_id ON tags (account, server_id) WHERE server_id IS NOT NULL;
CREATE INDEX outbox_account ON outbox (account, id);
COMMIT;
PRAGMA user_version = 3;
