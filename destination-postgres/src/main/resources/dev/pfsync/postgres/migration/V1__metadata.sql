-- pfsync metadata: the state of each connector and one row per run.
CREATE TABLE _pfsync.state (
  connector_id text PRIMARY KEY,
  state jsonb NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE _pfsync.runs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  connector_id text NOT NULL,
  mode text NOT NULL,
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  status text NOT NULL,
  rows_upserted bigint NOT NULL DEFAULT 0,
  rows_deleted bigint NOT NULL DEFAULT 0,
  rows_skipped bigint NOT NULL DEFAULT 0,
  message text
);

CREATE INDEX runs_connector_started ON _pfsync.runs (connector_id, started_at);
