-- GET /api/meter-reads/:externalId (meter-reads.md §3) reads end_ts and
-- energy_wh of a device's non-baseline reads in (end_ts, id) order.  With
-- idx_meter_read_end (device_id, end_ts) every row also cost a lookup in
-- the clustered index (bench/RESULTS.md: 60 % of MariaDB's time for 1 000
-- reads).  The same index with id, is_baseline and energy_wh appended
-- answers it from the index alone; its order on (device_id, end_ts, id) is
-- the old index's order (InnoDB appended the primary key), so every other
-- use is unchanged.  One index replaced by one: ingestion maintains no
-- extra index.  In place, without blocking writes.
ALTER TABLE meter_read
  DROP KEY idx_meter_read_end,
  ADD KEY idx_meter_read_end (device_id, end_ts, id, is_baseline, energy_wh),
  ALGORITHM=INPLACE, LOCK=NONE;
