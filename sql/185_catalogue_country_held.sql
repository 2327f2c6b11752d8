-- issue 19, the catalogue filtered by country (devices.md §6.6, §6.7).
--
-- idx_device_country gains held_until (160_perf.sql), so that a walk of
-- one country's devices in catalogue order tests "not reserved now" from
-- the index alone: page 500 of country=IND at 1 000 000 devices went from
-- 60-72 ms (a table row read per skipped entry) to 2.6-14 ms (bench/RESULTS.md
-- §5.6).  Every index holding held_until is one more entry rewritten per
-- device when a reservation raises it; this one cost no measurable time in
-- a 10 000-device bump, five such indexes (country, fuel, type, off-taker,
-- organization) cost +70 %, so only the country index carries it: the
-- other one-filter walks still read a row per skipped entry.
ALTER TABLE device
  DROP KEY idx_device_country,
  ADD KEY idx_device_country (country_code, created_at, id, held_until);
