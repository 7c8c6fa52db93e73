-- Mailroom's own settings, in a table of its own (the mail servers never read it).
CREATE TABLE IF NOT EXISTS `mailroom_setting` (
  `name` varchar(64) NOT NULL,
  `value` text NOT NULL,
  `modified` datetime NOT NULL DEFAULT current_timestamp(),
  PRIMARY KEY (`name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
