-- The rest of the columns PostfixAdmin added late in 3.x, which 20261123000000_postfixadmin_3_3 does
-- not add to an older database: log.id (its upgrade_1839), fetchmail.src_port (upgrade_1843) and
-- domain_admins.id (upgrade_1844). Appended as PostfixAdmin appends them; a 3.3 database is untouched.
ALTER TABLE `log` ADD COLUMN IF NOT EXISTS `id` int(11) NOT NULL AUTO_INCREMENT PRIMARY KEY;
ALTER TABLE `fetchmail` ADD COLUMN IF NOT EXISTS `src_port` int(11) NOT NULL DEFAULT 0;
ALTER TABLE `domain_admins` ADD COLUMN IF NOT EXISTS `id` int(11) NOT NULL AUTO_INCREMENT PRIMARY KEY;
