import { useEffect } from 'react';

/** Locks the desk after `minutes` without a key, a click or a touch. */
export function useIdleLock(active: boolean, minutes: number, lock: () => void) {
  useEffect(() => {
    if (!active) return undefined;
    let timer = setTimeout(lock, minutes * 60_000);
    const poke = () => {
      clearTimeout(timer);
      timer = setTimeout(lock, minutes * 60_000);
    };
    const events = ['keydown', 'pointerdown', 'touchstart', 'wheel'] as const;
    events.forEach((e) => window.addEventListener(e, poke, { passive: true }));
    return () => {
      clearTimeout(timer);
      events.forEach((e) => window.removeEventListener(e, poke));
    };
  }, [active, minutes, lock]);
}
