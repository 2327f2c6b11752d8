-- reservations.md §9: buyer reservations and their time-bounded device
-- memberships.
CREATE TABLE reservation (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  devicegroup_uid CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  organization_id BIGINT UNSIGNED NOT NULL,
  buyer_id BIGINT UNSIGNED NOT NULL,
  name VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  name_key VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin AS (LOWER(name)) PERSISTENT,
  frequency ENUM('hourly','daily','weekly','monthly','quarterly') NOT NULL,
  start_ts DATETIME(3) NOT NULL,
  end_ts DATETIME(3) NOT NULL,
  expiry_ts DATETIME(3) NOT NULL,
  target_wh BIGINT UNSIGNED NOT NULL,
  authority_to_exceed BOOLEAN NOT NULL,
  blockchain_address VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NULL,
  status ENUM('active','ended','completed') NOT NULL DEFAULT 'active',
  issued_wh BIGINT UNSIGNED NOT NULL DEFAULT 0,
  certificate_count INT UNSIGNED NOT NULL DEFAULT 0,
  issued_through DATETIME(3) NULL,
  closed_at DATETIME(3) NULL,
  fuel_codes TEXT NOT NULL,
  country_codes TEXT NOT NULL,
  device_type_codes TEXT NOT NULL,
  off_takers TEXT NOT NULL,
  sdg_benefits TEXT NOT NULL,
  commissioning_date_range TEXT NOT NULL,
  grid_interconnection BOOLEAN NOT NULL,
  aggregated_capacity DOUBLE NOT NULL,
  capacity_range VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  created_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  CHECK (start_ts <= end_ts),
  CHECK (end_ts <= expiry_ts),
  UNIQUE KEY uq_reservation_uid (devicegroup_uid),
  UNIQUE KEY uq_reservation_org_name (organization_id, name_key),
  KEY idx_reservation_org (organization_id, id),
  KEY idx_reservation_open (closed_at, status, id),
  CONSTRAINT fk_reservation_org FOREIGN KEY (organization_id) REFERENCES organization (id),
  CONSTRAINT fk_reservation_buyer FOREIGN KEY (buyer_id) REFERENCES user (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE reservation_device (
  reservation_id BIGINT UNSIGNED NOT NULL,
  device_id BIGINT UNSIGNED NOT NULL,
  member_from DATETIME(3) NOT NULL,
  member_to DATETIME(3) NOT NULL,
  PRIMARY KEY (reservation_id, device_id),
  KEY idx_reservation_device_device (device_id, member_from, member_to),
  CHECK (member_from <= member_to),
  CONSTRAINT fk_reservation_device_res FOREIGN KEY (reservation_id)
    REFERENCES reservation (id) ON DELETE CASCADE,
  CONSTRAINT fk_reservation_device_dev FOREIGN KEY (device_id) REFERENCES device (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
