/**
 * What went wrong when the local store refused a write, in terms a person can act on. IndexedDB's
 * own errors reach us wrapped by Dexie and RxDB, so the whole chain is searched.
 */
export type StoreFault = 'full' | 'failing';

const FAILING = new Set([
  'UnknownError',
  'InvalidStateError',
  'DatabaseClosedError',
  'OpenFailedError',
  'VersionError',
  'ReadOnlyError',
]);

function causes(error: unknown, seen = new Set<unknown>()): unknown[] {
  if (error === null || typeof error !== 'object' || seen.has(error)) return [];
  seen.add(error);
  const e = error as {
    inner?: unknown;
    cause?: unknown;
    parameters?: { error?: unknown; errors?: unknown[] };
    failures?: unknown[];
  };
  return [
    error,
    ...[
      e.inner,
      e.cause,
      e.parameters?.error,
      ...(e.parameters?.errors ?? []),
      ...(e.failures ?? []),
    ]
      .filter(Boolean)
      .flatMap((c) => causes(c, seen)),
  ];
}

export function storeFault(error: unknown): StoreFault | null {
  const chain = causes(error);
  const names = chain.map((c) => (c as { name?: unknown }).name);
  const text = chain.map((c) => String((c as { message?: unknown }).message ?? '')).join(' ');
  if (names.includes('QuotaExceededError') || /QuotaExceeded|quota has been exceeded/i.test(text))
    return 'full';
  if (names.some((n) => typeof n === 'string' && FAILING.has(n))) return 'failing';
  return null;
}
