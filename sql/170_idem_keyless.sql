-- Keyless batches out of the Idempotency-Key's unique key (issue 18,
-- docs/cluster.md §3).  Galera certifies every unique key a row writes
-- unless ALL of its columns are NULL (wsrep_store_key_val_for_row: "full
-- key was null" -> the key is not appended).  uq_meter_read_batch_idem
-- (user_id, idem_key) of a batch sent without a key is (user_id, NULL):
-- certified as that value, so two keyless ingests of one user committed
-- at once on two nodes failed certification although they wrote
-- different devices.  idem_user_id is user_id when the batch has a key
-- and NULL otherwise; the unique key on (idem_user_id, idem_key) is all
-- NULL for keyless batches (no certification key, and InnoDB never
-- compares NULLs: no uniqueness check) and exactly the old (user_id,
-- idem_key) for keyed ones, so meter-reads.md §2's idempotency is
-- unchanged: one key per user, a concurrent twin still conflicts (1062
-- on one node, a certification failure across two).  Clearing an expired
-- key (idem_key = NULL) clears idem_user_id with it.  PERSISTENT like
-- meter_read.ongoing_end_ts: the certification key is built from the
-- row's stored image.  fk_meter_read_batch_user needs an index that
-- starts with user_id: the old unique key was it, idx_meter_read_batch_user
-- takes over (non-unique: not certified).  One ALTER; adding a stored
-- column copies the table, and on Galera it runs in TOI: the cluster
-- commits nothing else until every node has copied it (docs/cluster.md
-- §8).
ALTER TABLE meter_read_batch
  ADD COLUMN idem_user_id BIGINT UNSIGNED
    AS (IF(idem_key IS NULL, NULL, user_id)) PERSISTENT AFTER idem_key,
  DROP KEY uq_meter_read_batch_idem,
  ADD UNIQUE KEY uq_meter_read_batch_idem (idem_user_id, idem_key),
  ADD KEY idx_meter_read_batch_user (user_id);
