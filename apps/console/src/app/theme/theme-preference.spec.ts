import { TestBed } from '@angular/core/testing';
import { ThemePreference } from './theme-preference';

describe('ThemePreference', () => {
  const root = document.documentElement;

  afterEach(() => {
    localStorage.clear();
    root.classList.remove('atl-theme-light', 'atl-theme-dark');
  });

  it('follows the system until a choice is made, then keeps the choice in localStorage', () => {
    const theme = TestBed.inject(ThemePreference);
    TestBed.tick();
    expect(theme.choice()).toBe('system');
    expect(root.classList.contains('atl-theme-light') || root.classList.contains('atl-theme-dark')).toBe(false);

    theme.choose('dark');
    TestBed.tick();
    expect(root.classList.contains('atl-theme-dark')).toBe(true);
    expect(localStorage.getItem('atelier.theme')).toBe('dark');

    theme.choose('light');
    TestBed.tick();
    expect([root.classList.contains('atl-theme-light'), root.classList.contains('atl-theme-dark')]).toEqual([true, false]);

    theme.choose('system');
    TestBed.tick();
    expect(root.classList.contains('atl-theme-light')).toBe(false);
    expect(localStorage.getItem('atelier.theme')).toBeNull();
  });

  it('starts from the choice this browser kept, and ignores a value it does not know', () => {
    localStorage.setItem('atelier.theme', 'dark');
    TestBed.tick();
    expect(TestBed.inject(ThemePreference).choice()).toBe('dark');
    TestBed.tick();
    expect(root.classList.contains('atl-theme-dark')).toBe(true);

    TestBed.resetTestingModule();
    localStorage.setItem('atelier.theme', 'sepia');
    expect(TestBed.inject(ThemePreference).choice()).toBe('system');
  });
});
