import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { menuTemplate } from './menu';

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

describe('menu', () => {
  it('offers reload and DevTools only in development', () => {
    const production = roles(menuTemplate({ isDev: false, isMac: false }));
    expect(production).not.toContain('reload');
    expect(production).not.toContain('forceReload');
    expect(production).not.toContain('toggleDevTools');
    const dev = roles(menuTemplate({ isDev: true, isMac: false }));
    expect(dev).toContain('reload');
    expect(dev).toContain('toggleDevTools');
  });

  it('keeps the editing shortcuts text fields need', () => {
    const all = roles(menuTemplate({ isDev: false, isMac: true }));
    for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'quit']) {
      expect(all).toContain(role);
    }
  });
});
