// A mailbox's forwarding lives in its own alias row (address = the mailbox), as PostfixAdmin stores
// it (AliasHandler::setmore): goto = the targets, then the vacation auto-reply address if any, then
// the mailbox itself when a copy is kept. No forward at all is goto = the mailbox alone.

export interface ForwardState {
  targets: string[];
  keepCopy: boolean;
  /** PostfixAdmin's vacation address (`user#domain@autoreply-domain`), managed by the vacation feature */
  vacation: string[];
}

/** Whether a goto entry is PostfixAdmin's vacation address for this mailbox. */
export function isVacationTarget(mailbox: string, entry: string): boolean {
  return entry.startsWith(`${mailbox.replace('@', '#')}@`);
}

/** Reads a mailbox's alias row goto into what its forward page shows. */
export function readForward(mailbox: string, goto: string): ForwardState {
  const entries = goto
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e !== '');
  return {
    keepCopy: entries.includes(mailbox),
    vacation: entries.filter((e) => isVacationTarget(mailbox, e)),
    targets: entries.filter((e) => e !== mailbox && !isVacationTarget(mailbox, e)),
  };
}

/** The goto PostfixAdmin would store: targets, then vacation, then the mailbox if it keeps a copy. */
export function buildForwardGoto(mailbox: string, state: ForwardState): string {
  const targets = [...new Set(state.targets)].filter((t) => t !== mailbox && !isVacationTarget(mailbox, t));
  return [...targets, ...state.vacation, ...(state.keepCopy ? [mailbox] : [])].join(',');
}
