-- certificates.md §6: the issuer lease, the ledger head, certificates,
-- their per-device rows, claims and the issuer's public keys.
CREATE TABLE issuer_key (
  key_id CHAR(16) CHARACTER SET ascii COLLATE ascii_bin PRIMARY KEY,
  public_key CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  created_at DATETIME(3) NOT NULL,
  UNIQUE KEY uq_issuer_key_public (public_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE issuer_lease (
  name VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin PRIMARY KEY,
  holder VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  token BIGINT UNSIGNED NOT NULL,
  renewals BIGINT UNSIGNED NOT NULL,
  expires_at DATETIME(3) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO issuer_lease VALUES ('issuer', '', 0, 0, '1970-01-01 00:00:01.000');

CREATE TABLE ledger_head (
  id TINYINT UNSIGNED PRIMARY KEY CHECK (id = 1),
  last_id BIGINT UNSIGNED NOT NULL,
  last_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO ledger_head VALUES (1, 0, REPEAT('0', 64));

CREATE TABLE certificate (
  id BIGINT UNSIGNED PRIMARY KEY,
  reservation_id BIGINT UNSIGNED NOT NULL,
  reservation_uid CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  buyer_organization_id BIGINT UNSIGNED NOT NULL,
  transaction_uid CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  country_code CHAR(3) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  kind ENUM('window','history') NOT NULL,
  late BOOLEAN NOT NULL,
  energy_wh BIGINT UNSIGNED NOT NULL,
  excess_wh BIGINT UNSIGNED NOT NULL,
  generation_start DATETIME(3) NOT NULL,
  generation_end DATETIME(3) NOT NULL,
  window_start DATETIME(3) NOT NULL,
  window_end DATETIME(3) NOT NULL,
  issued_at DATETIME(3) NOT NULL,
  owner VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  version TINYINT UNSIGNED NOT NULL,
  key_id CHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  prev_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  signature CHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  UNIQUE KEY uq_certificate_tx (transaction_uid),
  KEY idx_certificate_reservation (reservation_id, id),
  KEY idx_certificate_buyer (buyer_organization_id, id),
  CONSTRAINT fk_certificate_reservation FOREIGN KEY (reservation_id) REFERENCES reservation (id),
  CONSTRAINT fk_certificate_buyer FOREIGN KEY (buyer_organization_id) REFERENCES organization (id),
  CONSTRAINT fk_certificate_key FOREIGN KEY (key_id) REFERENCES issuer_key (key_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE certificate_device (
  certificate_id BIGINT UNSIGNED NOT NULL,
  device_id BIGINT UNSIGNED NOT NULL,
  external_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  internal_external_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  read_count INT UNSIGNED NOT NULL,
  wh BIGINT UNSIGNED NOT NULL,
  start_ts DATETIME(3) NOT NULL,
  end_ts DATETIME(3) NOT NULL,
  PRIMARY KEY (certificate_id, device_id),
  KEY idx_certificate_device_device (device_id, certificate_id),
  CONSTRAINT fk_certificate_device_cert FOREIGN KEY (certificate_id) REFERENCES certificate (id),
  CONSTRAINT fk_certificate_device_dev FOREIGN KEY (device_id) REFERENCES device (id) ON DELETE RESTRICT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE certificate_claim (
  certificate_id BIGINT UNSIGNED PRIMARY KEY,
  beneficiary VARCHAR(255) NOT NULL,
  purpose VARCHAR(1000) NULL,
  claimed_at DATETIME(3) NOT NULL,
  recorded_at DATETIME(3) NOT NULL,
  claimed_by_user_id BIGINT UNSIGNED NOT NULL,
  organization_id BIGINT UNSIGNED NOT NULL,
  key_id CHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  signature CHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  CONSTRAINT fk_certificate_claim_cert FOREIGN KEY (certificate_id) REFERENCES certificate (id),
  CONSTRAINT fk_certificate_claim_user FOREIGN KEY (claimed_by_user_id) REFERENCES user (id),
  CONSTRAINT fk_certificate_claim_org FOREIGN KEY (organization_id) REFERENCES organization (id),
  CONSTRAINT fk_certificate_claim_key FOREIGN KEY (key_id) REFERENCES issuer_key (key_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

ALTER TABLE meter_read ADD CONSTRAINT fk_meter_read_certificate
  FOREIGN KEY (certificate_id) REFERENCES certificate (id);
