-- Mailroom's own per-domain storage choices, in a table of its own (PostfixAdmin's `domain` table is
-- not changed; the mail servers never read this one): the storage backend when it differs from the
-- installation's default, and the folders a new Cyrus mailbox gets (web-cyradm's domain.folders).
-- `domain` has the collation of domain.domain so the two compare and join without collation errors.
CREATE TABLE IF NOT EXISTS `mailroom_domain_storage` (
  `domain` varchar(255) CHARACTER SET latin1 COLLATE latin1_general_ci NOT NULL,
  `backend` varchar(32) DEFAULT NULL,
  `folders` varchar(1000) NOT NULL DEFAULT '',
  `modified` datetime NOT NULL DEFAULT current_timestamp(),
  PRIMARY KEY (`domain`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
