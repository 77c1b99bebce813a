import { makeUser } from '@atelier/console/data-access/testing';
import { makeAuditEntry } from '../../testing/audit-entry.factory';
import { describeDetail, toAuditRows } from './audit-rows';

describe('toAuditRows', () => {
  const ada = makeUser({ name: 'Ada', email: 'ada@atelier.test' });
  const noName = makeUser({ name: '', email: 'ops@atelier.test' });

  it('names the actor and a user target by name, with the email beside a name', () => {
    const [row] = toAuditRows([makeAuditEntry({ actor: ada.user_id, action: 'user.updated', target: noName.user_id })], [ada, noName]);
    expect(row).toMatchObject({ who: 'Ada', whoDetail: 'ada@atelier.test', action: 'User changed', target: 'ops@atelier.test', alarming: false });
    const [own] = toAuditRows([makeAuditEntry({ actor: noName.user_id })], [ada, noName]);
    expect(own).toMatchObject({ who: 'ops@atelier.test', whoDetail: null, action: 'Signed in' });
  });

  it('says who is unknown: an anonymous failed sign-in, and a user who no longer exists (by id)', () => {
    const [anonymous, gone] = toAuditRows(
      [makeAuditEntry({ actor: null, action: 'auth.login_failed', target: 'who@x.test' }), makeAuditEntry({ actor: 'gone-id', action: 'job.deleted', target: 'job-1' })],
      [ada],
    );
    expect(anonymous).toMatchObject({ who: 'Anonymous', whoDetail: null, action: 'Sign-in failed', alarming: true, target: 'who@x.test' });
    expect(gone).toMatchObject({ who: 'Deleted user', whoDetail: 'gone-id', target: 'job-1' });
  });

  it('shows a user by id while the users are not known, rather than calling them deleted', () => {
    const [row] = toAuditRows([makeAuditEntry({ actor: ada.user_id, target: ada.user_id })], null);
    expect(row).toMatchObject({ who: ada.user_id, whoDetail: null, target: ada.user_id });
  });

  it('names a target from what the entry kept when its id says nothing: a key by name and prefix, a deleted user by email', () => {
    const rows = toAuditRows(
      [
        makeAuditEntry({ action: 'api_key.revoked', target: 'key-id', detail: { name: 'CI', prefix: 'atl_ci12' } }),
        makeAuditEntry({ action: 'user.deleted', target: 'gone-id', detail: { email: 'gone@atelier.test' } }),
        makeAuditEntry({ action: 'user.created', target: ada.user_id, detail: { email: 'old@atelier.test', role: 'member' } }),
        makeAuditEntry({ action: 'api_key.created', target: 'key-2', detail: {} }),
      ],
      [ada],
    );
    expect(rows.map((r) => r.target)).toEqual(['CI (atl_ci12…)', 'gone@atelier.test', 'Ada', 'key-2']);
  });

  it('links the jobs that may still exist, and shows an action it does not know as recorded', () => {
    const rows = toAuditRows(
      [
        makeAuditEntry({ action: 'job.cancelled', target: 'job-1' }),
        makeAuditEntry({ action: 'job.deleted', target: 'job-2' }),
        makeAuditEntry({ action: 'queue.paused', target: 'analyze' }),
      ],
      [],
    );
    expect(rows.map((r) => r.jobId)).toEqual(['job-1', null, null]);
    expect(rows.map((r) => r.action)).toEqual(['Job cancelled', 'Job deleted', 'queue.paused']);
  });
});

describe('describeDetail', () => {
  it('puts the detail in words: lists joined, yes/no, nested values as JSON, empty ones left out', () => {
    expect(describeDetail({ changed: ['role', 'disabled'], password_changed: false })).toBe('changed: role, disabled · password changed: no');
    expect(describeDetail({ via: 'sso', reason: '', claims: { groups: ['a'] }, extra: null })).toBe('via: sso · claims: {"groups":["a"]}');
    expect(describeDetail({})).toBe('');
  });
});
