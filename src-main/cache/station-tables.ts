// The station's own tables in station.db, beside the mirror of the server tables: the sync state
// (cursor, initial-sync progress), the outbox of operations and the optimistic effects of
// operations that the server has not confirmed yet (see docs/adr/0005-optimistic-overlay.md).
export const STATION_TABLES_DDL = `
CREATE TABLE IF NOT EXISTS station_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sync_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  cursor_xid INTEGER,
  initial_table TEXT,
  initial_rows_done INTEGER NOT NULL DEFAULT 0,
  initial_rows_total INTEGER NOT NULL DEFAULT 0,
  pull_generation INTEGER NOT NULL DEFAULT 0,
  last_pull_at TEXT,
  last_push_at TEXT,
  last_error TEXT,
  server_schema_version INTEGER
);
INSERT OR IGNORE INTO sync_state (id) VALUES (1);
CREATE TABLE IF NOT EXISTS outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  op_id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  user_id TEXT NOT NULL,
  payload TEXT NOT NULL,
  summary TEXT NOT NULL,
  created_at TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'applied', 'rejected')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  reason_code TEXT,
  reason TEXT,
  result TEXT,
  acked_at TEXT,
  ack_generation INTEGER,
  settled INTEGER NOT NULL DEFAULT 0,
  acknowledged INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS outbox_status_idx ON outbox (status, seq);
CREATE TABLE IF NOT EXISTS pending_effects (
  op_id TEXT NOT NULL,
  entity TEXT NOT NULL,
  key TEXT NOT NULL,
  delta REAL NOT NULL DEFAULT 0,
  data TEXT
);
CREATE INDEX IF NOT EXISTS pending_effects_key_idx ON pending_effects (entity, key);
CREATE INDEX IF NOT EXISTS pending_effects_op_idx ON pending_effects (op_id);
`;
