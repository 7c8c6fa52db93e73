import { describe, expect, it } from 'vitest';
import { createCyrusJob, cyrusQuotaJob, deleteCyrusJob, isCyrusJobKind, runnableHere } from './kinds';

describe('[jobs] kinds', () => {
  it.each([
    ['cyrus.create', true],
    ['cyrus.quota', true],
    ['cyrus.delete', true],
    ['maildir.create', false],
    ['maildir.delete', false],
    ['cyrus.', false],
    ['cyrus.create ', false],
  ])('%j is a Cyrus job: %s', (kind, expected) => {
    expect(isCyrusJobKind(kind)).toBe(expected);
  });

  it('Cyrus jobs carry only the username (target) and the domain: the rest is read when they run', () => {
    expect(createCyrusJob('bob@cy.test', 'cy.test')).toEqual({ kind: 'cyrus.create', target: 'bob@cy.test', domain: 'cy.test', payload: {} });
    expect(cyrusQuotaJob('bob@cy.test', 'cy.test')).toEqual({ kind: 'cyrus.quota', target: 'bob@cy.test', domain: 'cy.test', payload: {} });
    expect(deleteCyrusJob('bob@cy.test', 'cy.test')).toEqual({ kind: 'cyrus.delete', target: 'bob@cy.test', domain: 'cy.test', payload: {} });
  });
});

describe('[jobs] what the Mailroom server runs itself', () => {
  it.each([
    [{}, true, {}],
    [{ ids: [1n] }, true, { ids: [1n] }],
    [{}, false, { kinds: ['cyrus.create', 'cyrus.quota', 'cyrus.delete'] }],
    [{ ids: [1n, 2n] }, false, { ids: [1n, 2n], kinds: ['cyrus.create', 'cyrus.quota', 'cyrus.delete'] }],
    [{ domain: 'cy.test' }, false, { domain: 'cy.test', kinds: ['cyrus.create', 'cyrus.quota', 'cyrus.delete'] }],
    [{ kinds: ['maildir.create', 'cyrus.delete'] }, false, { kinds: ['cyrus.delete'] }],
    [{ kinds: ['maildir.create'] }, false, { kinds: [] }],
    [{ kinds: ['maildir.create'] }, true, { kinds: ['maildir.create'] }],
  ])('%o with storageRunsHere=%s -> %o', (filter, runsHere, expected) => {
    expect(runnableHere(filter, runsHere)).toEqual(expected);
  });
});
