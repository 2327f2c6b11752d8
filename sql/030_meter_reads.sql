-- meter-reads.md §2: read batches and reads.  The certificate FK is added
-- by the certificates migration.
CREATE TABLE meter_read_batch (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  token BINARY(16) NOT NULL,
  device_id BIGINT UNSIGNED NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  idem_key VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NULL,
  fingerprint BINARY(32) NULL,
  response MEDIUMTEXT NOT NULL,
  created_at DATETIME(3) NOT NULL,
  UNIQUE KEY uq_meter_read_batch_token (token),
  UNIQUE KEY uq_meter_read_batch_idem (user_id, idem_key),
  KEY idx_meter_read_batch_created (created_at),
  CONSTRAINT fk_meter_read_batch_device FOREIGN KEY (device_id) REFERENCES device (id),
  CONSTRAINT fk_meter_read_batch_user FOREIGN KEY (user_id) REFERENCES user (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE meter_read (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  device_id BIGINT UNSIGNED NOT NULL,
  batch_id BIGINT UNSIGNED NOT NULL,
  read_type ENUM('History','Delta','Aggregate') NOT NULL,
  start_ts DATETIME(3) NOT NULL,
  end_ts DATETIME(3) NOT NULL,
  energy_wh BIGINT NOT NULL,
  counter_wh BIGINT NULL,
  is_baseline TINYINT(1) NOT NULL DEFAULT 0,
  certificate_id BIGINT UNSIGNED NULL,
  created_at DATETIME(3) NOT NULL,
  ongoing_end_ts DATETIME(3) AS (IF(read_type = 'History', NULL, end_ts)) PERSISTENT,
  CHECK (start_ts <= end_ts),
  CHECK (energy_wh >= 0),
  CHECK ((read_type = 'Aggregate') = (counter_wh IS NOT NULL)),
  UNIQUE KEY uq_meter_read_ongoing_end (device_id, ongoing_end_ts),
  KEY idx_meter_read_type_start (device_id, read_type, start_ts),
  KEY idx_meter_read_end (device_id, end_ts),
  KEY idx_meter_read_cert (device_id, certificate_id, end_ts),
  CONSTRAINT fk_meter_read_device FOREIGN KEY (device_id) REFERENCES device (id),
  CONSTRAINT fk_meter_read_batch FOREIGN KEY (batch_id) REFERENCES meter_read_batch (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
