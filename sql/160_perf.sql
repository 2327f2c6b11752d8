-- issue 19, performance at scale.
--
-- device.held_until: the latest member_to of any membership the device has
-- had (reservations.md §9), kept by the statements that create or extend
-- memberships (db/reservations.c), in the same UPDATE that bumps
-- row_version.  It only grows, so it is an upper bound: a device whose
-- held_until is null or not after now has no membership at now and is in
-- the catalogue (devices.md §6.6) without a probe of reservation_device.
--
-- idx_device_catalogue covers the catalogue's order (created_at desc, id
-- desc) and every column its filters read (devices.md §6.7), so a page, a
-- deep page's offset and a bounded count are index-only walks.  It replaces
-- idx_device_created, a prefix of it, and is the only index that holds
-- held_until: each index holding it is one more index entry rewritten per
-- device when a reservation of 10 000 devices raises it.  The other new
-- indexes lead with one filter's column, for selective filters (an IN list
-- of rare codes, a narrow capacity or date range).
ALTER TABLE device
  ADD COLUMN held_until DATETIME(3) NULL AFTER row_version,
  DROP KEY idx_device_created,
  ADD KEY idx_device_catalogue (created_at, id, held_until, organization_id,
    country_code, fuel_code, device_type_code, off_taker, capacity_kw,
    commissioning_date, grid_interconnection, sdg_benefits),
  ADD KEY idx_device_type (device_type_code, created_at, id),
  ADD KEY idx_device_offtaker (off_taker, created_at, id),
  ADD KEY idx_device_capacity (capacity_kw),
  ADD KEY idx_device_commissioning (commissioning_date);

UPDATE device d
  JOIN (SELECT device_id, MAX(member_to) AS m FROM reservation_device
        GROUP BY device_id) x ON x.device_id = d.id
  SET d.held_until = x.m;
