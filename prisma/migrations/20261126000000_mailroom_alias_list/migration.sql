-- The aliases an admin lists: the alias rows that are not a mailbox's own row (PostfixAdmin keeps
-- both in `alias`). Listing them from `alias` means stepping over the mailboxes' rows, and where
-- 100,000 of them sort together (user000001…user100000) one page costs 100,000 key lookups. This
-- table holds just the keys to list, in the same collation as alias.address, so every page, search
-- and capped count reads about a page of one index.
--
-- It is kept exact by triggers on `alias` and `mailbox`, whoever writes (Mailroom, PostfixAdmin,
-- a script): no PostfixAdmin table or column changes, and the mail servers never read it.
-- Creating triggers needs the TRIGGER privilege (and, where binary logging is on, SUPER or
-- log_bin_trust_function_creators=1). Every trigger is one statement (no DELIMITER needed).
CREATE TABLE IF NOT EXISTS `mailroom_alias_list` (
  `address` varchar(255) CHARACTER SET latin1 COLLATE latin1_general_ci NOT NULL,
  `domain` varchar(255) CHARACTER SET latin1 COLLATE latin1_general_ci NOT NULL,
  PRIMARY KEY (`address`),
  KEY `mailroom_alias_list_domain` (`domain`, `address`)
) ENGINE=InnoDB DEFAULT CHARSET=latin1 COLLATE=latin1_general_ci;

-- Triggers first, then the backfill: a row written in between is in the table either way.
DROP TRIGGER IF EXISTS `mailroom_alias_ai`;
CREATE TRIGGER `mailroom_alias_ai` AFTER INSERT ON `alias` FOR EACH ROW
  INSERT IGNORE INTO `mailroom_alias_list` (`address`, `domain`)
  SELECT NEW.`address`, NEW.`domain` FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM `mailbox` WHERE `username` = NEW.`address`);

DROP TRIGGER IF EXISTS `mailroom_alias_ad`;
CREATE TRIGGER `mailroom_alias_ad` AFTER DELETE ON `alias` FOR EACH ROW
  DELETE FROM `mailroom_alias_list` WHERE `address` = OLD.`address`;

-- An update may change the address or the domain: the old key goes, the new one comes (if no mailbox has it).
DROP TRIGGER IF EXISTS `mailroom_alias_au_old`;
CREATE TRIGGER `mailroom_alias_au_old` AFTER UPDATE ON `alias` FOR EACH ROW
  DELETE FROM `mailroom_alias_list` WHERE `address` = OLD.`address`;

DROP TRIGGER IF EXISTS `mailroom_alias_au_new`;
CREATE TRIGGER `mailroom_alias_au_new` AFTER UPDATE ON `alias` FOR EACH ROW FOLLOWS `mailroom_alias_au_old`
  INSERT IGNORE INTO `mailroom_alias_list` (`address`, `domain`)
  SELECT NEW.`address`, NEW.`domain` FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM `mailbox` WHERE `username` = NEW.`address`);

-- A new mailbox makes the alias row with its name its own; a deleted one gives it back to the list.
DROP TRIGGER IF EXISTS `mailroom_mailbox_ai`;
CREATE TRIGGER `mailroom_mailbox_ai` AFTER INSERT ON `mailbox` FOR EACH ROW
  DELETE FROM `mailroom_alias_list` WHERE `address` = NEW.`username`;

DROP TRIGGER IF EXISTS `mailroom_mailbox_ad`;
CREATE TRIGGER `mailroom_mailbox_ad` AFTER DELETE ON `mailbox` FOR EACH ROW
  INSERT IGNORE INTO `mailroom_alias_list` (`address`, `domain`)
  SELECT `address`, `domain` FROM `alias` WHERE `address` = OLD.`username`;

DROP TRIGGER IF EXISTS `mailroom_mailbox_au_old`;
CREATE TRIGGER `mailroom_mailbox_au_old` AFTER UPDATE ON `mailbox` FOR EACH ROW
  INSERT IGNORE INTO `mailroom_alias_list` (`address`, `domain`)
  SELECT `address`, `domain` FROM `alias` WHERE `address` = OLD.`username` AND NOT EXISTS (SELECT 1 FROM `mailbox` WHERE `username` = OLD.`username`);

DROP TRIGGER IF EXISTS `mailroom_mailbox_au_new`;
CREATE TRIGGER `mailroom_mailbox_au_new` AFTER UPDATE ON `mailbox` FOR EACH ROW FOLLOWS `mailroom_mailbox_au_old`
  DELETE FROM `mailroom_alias_list` WHERE `address` = NEW.`username`;

INSERT IGNORE INTO `mailroom_alias_list` (`address`, `domain`)
SELECT a.`address`, a.`domain` FROM `alias` a LEFT JOIN `mailbox` m ON m.`username` = a.`address` WHERE m.`username` IS NULL;
