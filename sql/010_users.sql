-- users.md §3: organizations, users, sessions.
CREATE TABLE organization (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  name_key VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin
    AS (LOWER(name)) PERSISTENT,
  organization_type ENUM('Developer','Buyer','Admin') NOT NULL,
  address VARCHAR(2000) NULL,
  org_email VARCHAR(254) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  status VARCHAR(16) NOT NULL DEFAULT 'Active',
  created_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  UNIQUE KEY uq_organization_name_key (name_key),
  KEY idx_organization_type (organization_type, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE user (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  organization_id BIGINT UNSIGNED NOT NULL,
  email VARCHAR(254) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  password_hash VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  first_name VARCHAR(255) NOT NULL,
  last_name VARCHAR(255) NOT NULL,
  role ENUM('Admin','OrganizationAdmin','DeviceOwner','Buyer','SubBuyer','User','ApiUser') NOT NULL,
  status ENUM('Active','Suspended','Deleted') NOT NULL DEFAULT 'Active',
  created_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  UNIQUE KEY uq_user_email (email),
  KEY idx_user_org (organization_id, created_at, id),
  KEY idx_user_status (status, created_at, id),
  CONSTRAINT fk_user_org FOREIGN KEY (organization_id)
    REFERENCES organization (id) ON DELETE RESTRICT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE user_session (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  jti CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  created_at DATETIME(3) NOT NULL,
  expires_at DATETIME(3) NOT NULL,
  UNIQUE KEY uq_user_session_jti (jti),
  KEY idx_user_session_user (user_id, expires_at),
  CONSTRAINT fk_user_session_user FOREIGN KEY (user_id)
    REFERENCES user (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
