import { loginPath, safeReturnTo } from './return-to';

describe('safeReturnTo', () => {
  it('keeps a path of the console, with its query', () => {
    expect(safeReturnTo('/jobs?status=failed&job=j1')).toBe('/jobs?status=failed&job=j1');
    expect(safeReturnTo('/settings/api-keys')).toBe('/settings/api-keys');
  });

  it.each(['https://evil.example/x', '//evil.example/x', '/\\evil.example', 'jobs', '', null, undefined])('refuses %s: another site or not a path', (raw) => {
    expect(safeReturnTo(raw)).toBe('/');
  });

  it('never returns to a sign-in page, which would loop', () => {
    expect(safeReturnTo('/login?return_to=%2Fjobs')).toBe('/');
    expect(safeReturnTo('/setup')).toBe('/');
    expect(safeReturnTo('/login-history')).toBe('/login-history');
  });
});

describe('loginPath', () => {
  it('remembers where to come back to, encoded', () => {
    expect(loginPath('/jobs?status=failed')).toBe('/login?return_to=%2Fjobs%3Fstatus%3Dfailed');
  });

  it('says nothing when that is the start page or not a safe path', () => {
    expect(loginPath('/')).toBe('/login');
    expect(loginPath('')).toBe('/login');
    expect(loginPath('//evil.example')).toBe('/login');
  });
});
