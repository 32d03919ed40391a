-- Who may work on what: one row per (connector, resource), held by one owner until expires_at and
-- renewed while the owner works. Unlike a session advisory lock it works through a transaction
-- pooler, and a holder whose host dies frees it within one lease. Times are the database's clock.
CREATE TABLE _pfsync.leases (
  connector_id text NOT NULL,
  resource text NOT NULL,
  owner text NOT NULL,
  acquired_at timestamptz,
  heartbeat_at timestamptz,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (connector_id, resource)
);

-- The fence of every checkpoint: renews the caller's lease, or fails the caller's transaction
-- (SQLState PF001) when the lease is no longer the caller's, so a paused or cut-off worker can
-- never commit after another one took over.
CREATE FUNCTION _pfsync.renew_lease(p_connector_id text, p_resource text, p_owner text,
                                    p_millis bigint) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  holder text;
BEGIN
  UPDATE _pfsync.leases
     SET heartbeat_at = clock_timestamp(),
         expires_at = clock_timestamp() + p_millis * interval '1 millisecond'
   WHERE connector_id = p_connector_id AND resource = p_resource AND owner = p_owner;
  IF NOT FOUND THEN
    SELECT l.owner INTO holder FROM _pfsync.leases l
     WHERE l.connector_id = p_connector_id AND l.resource = p_resource;
    RAISE EXCEPTION 'connector %: lost its lease to %', p_connector_id,
      coalesce(holder, 'nobody (it was released)') USING ERRCODE = 'PF001';
  END IF;
END
$$;
