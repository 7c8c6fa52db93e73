-- Mailroom's storage jobs (an outbox): written in the same transaction as the mailbox or domain change,
-- then run on the mail host (by Mailroom itself or by `npm run mailroom -- agent`). The mail servers never read it.
CREATE TABLE IF NOT EXISTS `mailroom_job` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `kind` varchar(32) NOT NULL,
  `target` varchar(255) NOT NULL,
  `domain` varchar(255) NOT NULL,
  `payload` text NOT NULL,
  `state` enum('pending','running','done','failed') NOT NULL DEFAULT 'pending',
  `attempts` int(11) NOT NULL DEFAULT 0,
  `last_error` text DEFAULT NULL,
  `run_after` datetime(3) NOT NULL DEFAULT current_timestamp(3),
  `created` datetime(3) NOT NULL DEFAULT current_timestamp(3),
  `modified` datetime(3) NOT NULL DEFAULT current_timestamp(3),
  PRIMARY KEY (`id`),
  KEY `mailroom_job_poll` (`state`, `run_after`),
  KEY `mailroom_job_target` (`target`, `id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
