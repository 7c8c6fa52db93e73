import { describe, expect, it } from 'vitest';
import { buildForwardGoto, readForward } from './goto';

const box = 'alice@example.org';
const vacation = 'alice#example.org@autoreply.example.org';

describe('forward goto (PostfixAdmin layout)', () => {
  it.each([
    ['no forward', { targets: [], keepCopy: true, vacation: [] }, 'alice@example.org'],
    ['forward keeping a copy', { targets: ['a@x.example', 'b@y.example'], keepCopy: true, vacation: [] }, 'a@x.example,b@y.example,alice@example.org'],
    ['pure forward', { targets: ['a@x.example'], keepCopy: false, vacation: [] }, 'a@x.example'],
    ['vacation kept between targets and the mailbox', { targets: ['a@x.example'], keepCopy: true, vacation: [vacation] }, `a@x.example,${vacation},alice@example.org`],
    ['duplicates, the mailbox and the vacation address among targets are dropped', { targets: ['a@x.example', 'a@x.example', box, vacation], keepCopy: false, vacation: [] }, 'a@x.example'],
  ])('%s', (_name, state, goto) => {
    expect(buildForwardGoto(box, state)).toBe(goto);
  });

  it.each([
    ['alice@example.org', { targets: [], keepCopy: true, vacation: [] }],
    ['a@x.example,alice@example.org', { targets: ['a@x.example'], keepCopy: true, vacation: [] }],
    // PostfixAdmin finds the mailbox wherever it stands in goto
    ['alice@example.org, a@x.example', { targets: ['a@x.example'], keepCopy: true, vacation: [] }],
    ['A@X.example', { targets: ['a@x.example'], keepCopy: false, vacation: [] }],
    [`a@x.example,${vacation}`, { targets: ['a@x.example'], keepCopy: false, vacation: [vacation] }],
    ['', { targets: [], keepCopy: false, vacation: [] }],
  ])('reads %j', (goto, state) => {
    expect(readForward(box, goto)).toEqual(state);
  });
});
