-- Records that could not be stored as they are (issue 12): kept, in the transaction of the
-- checkpoint that read them, instead of stopping the sync or being dropped.
CREATE TABLE _pfsync.rejected (
  id bigserial PRIMARY KEY,
  connector_id text NOT NULL,
  "table" text NOT NULL,
  key text,
  field text,
  reason text NOT NULL,
  record text NOT NULL,
  run_id bigint,
  rejected_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX rejected_connector_time ON _pfsync.rejected (connector_id, rejected_at);

ALTER TABLE _pfsync.runs ADD COLUMN rows_rejected bigint NOT NULL DEFAULT 0;

COMMENT ON COLUMN _pfsync.runs.rows_skipped IS
  'Equal to rows_rejected in runs since migration 2; kept for readers of the old column.';
