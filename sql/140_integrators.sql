-- integrators.md §8: ApiUsers, client credentials, yield defaults, uploads
-- and bulk jobs.  No foreign key into accounts.md §9's tables (130).
ALTER TABLE organization
  MODIFY organization_type ENUM('Developer','Buyer','Admin','ApiUser') NOT NULL,
  ADD COLUMN managing_api_user_id BIGINT UNSIGNED NULL,
  ADD KEY idx_organization_managing (managing_api_user_id, organization_type, id);

CREATE TABLE api_user (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  uid CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  organization_id BIGINT UNSIGNED NOT NULL,
  permission_status ENUM('Request','Active','Deactive') NOT NULL DEFAULT 'Request',
  granted_scopes SET('organizations','devices','reads','reservations','certificates') NOT NULL DEFAULT '',
  pending_scopes SET('organizations','devices','reads','reservations','certificates') NOT NULL DEFAULT '',
  first_credential_at DATETIME(3) NULL,
  row_version BIGINT UNSIGNED NOT NULL DEFAULT 0,
  created_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  UNIQUE KEY uq_api_user_uid (uid),
  UNIQUE KEY uq_api_user_user (user_id),
  UNIQUE KEY uq_api_user_org (organization_id),
  KEY idx_api_user_status (permission_status, created_at, id),
  CONSTRAINT fk_api_user_user FOREIGN KEY (user_id) REFERENCES user (id),
  CONSTRAINT fk_api_user_org FOREIGN KEY (organization_id) REFERENCES organization (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

ALTER TABLE organization ADD CONSTRAINT fk_organization_managing
  FOREIGN KEY (managing_api_user_id) REFERENCES api_user (id);

CREATE TABLE client_credential (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  api_user_id BIGINT UNSIGNED NOT NULL,
  client_id CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  secret_sha256 BINARY(32) NOT NULL,
  created_at DATETIME(3) NOT NULL,
  last_used_at DATETIME(3) NULL,
  UNIQUE KEY uq_client_credential_client (client_id),
  KEY idx_client_credential_user (api_user_id, created_at),
  CONSTRAINT fk_client_credential_user FOREIGN KEY (api_user_id)
    REFERENCES api_user (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- NULL: a password session.
ALTER TABLE user_session ADD COLUMN client_credential_id BIGINT UNSIGNED NULL,
  ADD KEY idx_user_session_credential (client_credential_id, expires_at),
  ADD CONSTRAINT fk_user_session_credential FOREIGN KEY (client_credential_id)
    REFERENCES client_credential (id) ON DELETE CASCADE;

CREATE TABLE yield_config (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  country_code CHAR(3) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  yield_value SMALLINT UNSIGNED NOT NULL,
  status ENUM('Y','N') NOT NULL DEFAULT 'Y',
  created_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  UNIQUE KEY uq_yield_config_country (country_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE upload_file (
  id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  user_id BIGINT UNSIGNED NOT NULL,
  file_name VARCHAR(255) NOT NULL,
  content MEDIUMBLOB NOT NULL,
  created_at DATETIME(3) NOT NULL,
  KEY idx_upload_file_user (user_id, created_at),
  KEY idx_upload_file_created (created_at),
  CONSTRAINT fk_upload_file_user FOREIGN KEY (user_id) REFERENCES user (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE bulk_job (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind ENUM('devices','reads') NOT NULL,
  organization_id BIGINT UNSIGNED NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  status ENUM('Added','Running','Completed','Failed') NOT NULL DEFAULT 'Added',
  file_name VARCHAR(255) NULL,
  file_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NULL,
  columns_csv VARCHAR(1000) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  read_type ENUM('History','Delta','Aggregate') NULL,
  read_unit VARCHAR(3) NULL,
  read_timezone VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
  row_count INT UNSIGNED NOT NULL,
  item_count INT UNSIGNED NOT NULL,
  succeeded INT UNSIGNED NOT NULL DEFAULT 0,
  skipped INT UNSIGNED NOT NULL DEFAULT 0,
  failed INT UNSIGNED NOT NULL DEFAULT 0,
  reads_stored BIGINT UNSIGNED NOT NULL DEFAULT 0,
  idem_key VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NULL,
  fingerprint BINARY(32) NULL,
  lease_holder VARCHAR(255) NULL,
  lease_token BIGINT UNSIGNED NOT NULL DEFAULT 0,
  renewals BIGINT UNSIGNED NOT NULL DEFAULT 0,
  lease_until DATETIME(3) NULL,
  attempts SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  created_at DATETIME(3) NOT NULL,
  started_at DATETIME(3) NULL,
  finished_at DATETIME(3) NULL,
  updated_at DATETIME(3) NOT NULL,
  UNIQUE KEY uq_bulk_job_idem (user_id, idem_key),
  KEY idx_bulk_job_org (organization_id, created_at, id),
  KEY idx_bulk_job_status (status, id),
  CONSTRAINT fk_bulk_job_org FOREIGN KEY (organization_id) REFERENCES organization (id),
  CONSTRAINT fk_bulk_job_user FOREIGN KEY (user_id) REFERENCES user (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE bulk_job_item (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  job_id BIGINT UNSIGNED NOT NULL,
  seq INT UNSIGNED NOT NULL,
  first_row INT UNSIGNED NOT NULL,
  last_row INT UNSIGNED NOT NULL,
  external_id VARCHAR(128) NULL,
  input MEDIUMTEXT NOT NULL,
  status ENUM('Pending','Succeeded','Skipped','Failed') NOT NULL DEFAULT 'Pending',
  device_id BIGINT UNSIGNED NULL,
  result TEXT NULL,
  UNIQUE KEY uq_bulk_job_item_seq (job_id, seq),
  KEY idx_bulk_job_item_status (job_id, status, seq),
  CONSTRAINT fk_bulk_job_item_job FOREIGN KEY (job_id) REFERENCES bulk_job (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
