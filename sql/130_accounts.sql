-- accounts.md §9: account states, invitations, account tokens, the mail outbox,
-- forget-password attempts.
ALTER TABLE user
  MODIFY status ENUM('Active','Suspended','Deleted','Pending') NOT NULL DEFAULT 'Active',
  ADD COLUMN email_confirmed_at DATETIME(3) NULL AFTER status;
UPDATE user SET email_confirmed_at = created_at;   -- existing accounts count as confirmed
ALTER TABLE organization ADD COLUMN member_version BIGINT UNSIGNED NOT NULL DEFAULT 0,
  ADD CONSTRAINT ck_organization_status CHECK (status IN ('Active','Suspended'));
CREATE TABLE invitation (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  organization_id BIGINT UNSIGNED NOT NULL,
  email VARCHAR(254) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  role ENUM('OrganizationAdmin','DeviceOwner','Buyer','SubBuyer','User') NOT NULL,
  status ENUM('Pending','Accepted','Rejected','Revoked','Expired') NOT NULL DEFAULT 'Pending',
  silent BOOLEAN NOT NULL DEFAULT 0,                -- §5.2: no user, token or mail
  open_email VARCHAR(254) CHARACTER SET ascii COLLATE ascii_bin
    AS (IF(status = 'Pending' AND silent = 0, email, NULL)) PERSISTENT,
  sender VARCHAR(511) NOT NULL, sender_user_id BIGINT UNSIGNED NULL,
  invitee_user_id BIGINT UNSIGNED NULL, created_user BOOLEAN NOT NULL,
  created_at DATETIME(3) NOT NULL, updated_at DATETIME(3) NOT NULL,
  expires_at DATETIME(3) NOT NULL,
  UNIQUE KEY uq_invitation_open_email (open_email),
  KEY idx_invitation_org (organization_id, created_at, id),
  KEY idx_invitation_invitee (invitee_user_id, created_at),
  KEY idx_invitation_expiry (status, expires_at),
  FOREIGN KEY (organization_id) REFERENCES organization (id),
  FOREIGN KEY (sender_user_id) REFERENCES user (id) ON DELETE SET NULL,
  FOREIGN KEY (invitee_user_id) REFERENCES user (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE account_token (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  purpose ENUM('confirm_email','password_reset','invitation') NOT NULL,
  token_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  email VARCHAR(254) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  invitation_id BIGINT UNSIGNED NULL,
  created_at DATETIME(3) NOT NULL, expires_at DATETIME(3) NOT NULL, used_at DATETIME(3) NULL,
  UNIQUE KEY uq_account_token_hash (token_hash),
  KEY idx_account_token_user (user_id, purpose), KEY idx_account_token_expiry (expires_at),
  FOREIGN KEY (user_id) REFERENCES user (id) ON DELETE CASCADE,
  FOREIGN KEY (invitation_id) REFERENCES invitation (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE mail_outbox (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  message_id VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  template ENUM('confirm_email','password_reset','password_changed','email_changed',
                'invitation','role_changed','removed_from_organization') NOT NULL,
  recipient VARCHAR(254) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  subject VARCHAR(1000) NOT NULL, body MEDIUMTEXT NULL,
  user_id BIGINT UNSIGNED NULL,                 -- no FK: mail outlives users
  status ENUM('pending','sent','failed') NOT NULL DEFAULT 'pending',
  attempts INT UNSIGNED NOT NULL DEFAULT 0, next_attempt_at DATETIME(3) NOT NULL,
  lease_holder VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NULL,
  lease_until DATETIME(3) NULL, last_error VARCHAR(1000) NULL,
  created_at DATETIME(3) NOT NULL, sent_at DATETIME(3) NULL,
  UNIQUE KEY uq_mail_outbox_message_id (message_id),
  KEY idx_mail_outbox_due (status, next_attempt_at, id),
  KEY idx_mail_outbox_recipient (recipient, template, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE password_reset_attempt (               -- §4.1, known address or not
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email_sha256 BINARY(32) NOT NULL,                 -- SHA-256 of the lower-cased address
  created_at DATETIME(3) NOT NULL,                  -- effective now
  KEY idx_password_reset_attempt_email (email_sha256, created_at),
  KEY idx_password_reset_attempt_created (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
