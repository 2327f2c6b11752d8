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
-- deep page's offset and a bounded count are index-only walks; the
-- per-code indexes lead with the code for selective IN lists.  It replaces
-- idx_device_created, a prefix of it.
ALTER TABLE device
  ADD COLUMN held_until DATETIME(3) NULL AFTER row_version,
  DROP KEY idx_device_created,
  ADD KEY idx_device_catalogue (created_at, id, held_until, organization_id,
    country_code, fuel_code, device_type_code, off_taker, capacity_kw,
    commissioning_date, grid_interconnection, sdg_benefits),
  DROP KEY idx_device_country,
  ADD KEY idx_device_country (country_code, created_at, id, held_until),
  DROP KEY idx_device_fuel,
  ADD KEY idx_device_fuel (fuel_code, created_at, id, held_until),
  ADD KEY idx_device_type (device_type_code, created_at, id, held_until);

UPDATE device d
  JOIN (SELECT device_id, MAX(member_to) AS m FROM reservation_device
        GROUP BY device_id) x ON x.device_id = d.id
  SET d.held_until = x.m;
