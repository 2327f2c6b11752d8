-- issue 19, reservation create: device.held_until (160_perf.sql) is never
-- NULL any more; DATETIME's minimum, 1000-01-01, stands for "never held".
--
-- held_until sits in two secondary indexes (idx_device_catalogue,
-- idx_device_country), and a reservation's row_version bump raises it on
-- every reserved device.  A NULL takes no bytes in an InnoDB record, so
-- raising it from NULL grew each clustered record as well as rewriting
-- the two index entries: the bump of 10 000 devices reserved for the first
-- time took 231-278 ms against 146-155 ms for devices that already had a
-- value, and a create of 10 000 such devices 400-443 ms against 294-315 ms
-- (bench/RESULTS.md §5.8).  The catalogue's test "held_until IS NULL OR
-- held_until <= now" (devices.md §6.6, db/device_list.c) holds for the
-- sentinel as for NULL; the statements that raise held_until
-- (GREATEST(COALESCE(held_until, ?), ?), ST_RES_HOLD_RAISE) are unchanged.
-- The price: 7 more bytes per entry in those two indexes.  The column
-- stays nullable (a NULL still reads as "never held"); new devices get the
-- default.  The UPDATE rewrites every device that was never reserved once
-- (one write set on Galera).
ALTER TABLE device
  ALTER COLUMN held_until SET DEFAULT '1000-01-01 00:00:00.000';
UPDATE device SET held_until = '1000-01-01 00:00:00.000'
  WHERE held_until IS NULL;
