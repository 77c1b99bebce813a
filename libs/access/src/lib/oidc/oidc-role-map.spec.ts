import { ConfigError } from '@atelier/platform';
import { mappedRole, parseRoleMap } from './oidc-role-map';

describe('OIDC_ROLE_MAP', () => {
  const map = parseRoleMap('atelier-admins=admin, atelier-ops=operator,staff=member');

  it('gives the highest role among the matching claim values', () => {
    expect(mappedRole({ groups: ['staff', 'atelier-ops'] }, 'groups', map)).toBe('operator');
    expect(mappedRole({ groups: ['atelier-admins', 'atelier-ops', 'staff'] }, 'groups', map)).toBe('admin');
    expect(mappedRole({ groups: ['atelier-ops', 'atelier-admins'] }, 'groups', map)).toBe('admin');
  });

  it('reads a claim holding one value', () => {
    expect(mappedRole({ role: 'atelier-ops' }, 'role', map)).toBe('operator');
  });

  it('answers undefined when nothing matches or the claim is absent', () => {
    expect(mappedRole({ groups: ['sales'] }, 'groups', map)).toBeUndefined();
    expect(mappedRole({}, 'groups', map)).toBeUndefined();
  });

  it('accepts an empty or unset map', () => {
    expect(parseRoleMap(undefined).size).toBe(0);
    expect(parseRoleMap(' ').size).toBe(0);
  });

  it.each(['atelier-ops=root', 'atelier-ops', '=admin'])('refuses the entry %p naming the variable', (raw) => {
    expect(() => parseRoleMap(raw)).toThrow(ConfigError);
    expect(() => parseRoleMap(raw)).toThrow(/OIDC_ROLE_MAP/);
  });
});
