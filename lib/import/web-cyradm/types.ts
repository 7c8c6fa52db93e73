// web-cyradm's tables as the importer reads them (scripts/create_mysql.sql of web-cyradm), and the
// plan it makes of them. Reasons and notes are i18n keys (messages/<locale>/import.json).

export interface CyradmDomain {
  domainName: string;
  prefix: string;
  maxaccounts: number;
  /** default quota of new accounts, KiB */
  quota: number;
  /** whole domain, KiB; 0 = none */
  domainquota: number;
  transport: string;
  freenames: string;
  freeaddress: string;
  /** comma-separated folders of new accounts */
  folders: string;
}

export interface CyradmAccount {
  username: string;
  password: string;
  domainName: string;
  imap: number;
  pop: number;
}

export interface CyradmVirtual {
  alias: string;
  dest: string;
  username: string;
  status: number;
}

export interface CyradmAdmin {
  username: string;
  password: string;
  type: number;
}

export interface CyradmDomainAdmin {
  domainName: string;
  adminuser: string;
}

export interface CyradmData {
  domains: CyradmDomain[];
  accounts: CyradmAccount[];
  virtual: CyradmVirtual[];
  admins: CyradmAdmin[];
  domainAdmins: CyradmDomainAdmin[];
}

/** How to read accountuser.password / adminuser.password (web-cyradm's $CRYPT), 'auto' = by its form. */
export type PasswordMode = 'auto' | 'crypt' | 'md5' | 'plain';
export const PASSWORD_MODES: readonly PasswordMode[] = ['auto', 'crypt', 'md5', 'plain'];

export interface PlanOptions {
  passwords: PasswordMode;
  /** appended to web-cyradm admin names that are not addresses ('admin' -> admin@DOMAIN) */
  adminDomain: string | null;
  /** per-account STORAGE limits read from Cyrus (KiB, null = none), by web-cyradm username */
  cyrusQuotas: Map<string, number | null> | null;
  /** Postfix transport for a domain whose web-cyradm transport Mailroom cannot store */
  defaultTransport: string;
}

/** What already exists in Mailroom, among the names the import would create (all lowercase). */
export interface Existing {
  domains: Set<string>;
  addresses: Set<string>;
  admins: Set<string>;
}

export interface PlannedDomain {
  domain: string;
  /** PostfixAdmin limits: 0 unlimited, -1 disabled; quotas in its MB (1,024,000 bytes) */
  mailboxes: number;
  maxquotaMb: number;
  quotaMb: number;
  transport: string;
  folders: string[];
}

export interface PlannedMailbox {
  username: string;
  localPart: string;
  domain: string;
  password: string;
  quotaBytes: bigint;
}

export interface PlannedAlias {
  address: string;
  domain: string;
  goto: string[];
  /** a mailbox's own row (goto with the mailbox = keep a copy), a catch-all, or a plain alias */
  kind: 'mailbox' | 'catchall' | 'alias';
}

export interface PlannedAdmin {
  username: string;
  password: string;
  superadmin: boolean;
  domains: string[];
}

export type ItemKind = 'domain' | 'account' | 'alias' | 'admin';

export interface PlanItem {
  kind: ItemKind;
  /** the name as web-cyradm has it */
  name: string;
  /** i18n key under import.reasons / import.notes */
  key: string;
}

export interface ImportPlan {
  domains: PlannedDomain[];
  mailboxes: PlannedMailbox[];
  aliases: PlannedAlias[];
  admins: PlannedAdmin[];
  /** what will not be created, and why */
  skipped: PlanItem[];
  /** created, with something worth knowing */
  notes: PlanItem[];
}
