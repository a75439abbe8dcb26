import { describe, expect, it } from 'vitest';
import { checkManagerSecret, checkPin, checkStaffSecret } from './secrets';

describe('staff secrets', () => {
  it('takes a PIN of 4 to 8 digits that is not a repeat or a run', () => {
    expect(checkPin('123')).toBe('pinFormat');
    expect(checkPin('12a4')).toBe('pinFormat');
    expect(checkPin('123456789')).toBe('pinFormat');
    expect(checkPin('1111')).toBe('pinTooSimple');
    expect(checkPin('4321')).toBe('pinTooSimple');
    expect(checkPin('2580')).toBeNull();
  });

  it('asks a manager for 8 or more characters with letters and digits, not a common one', () => {
    // Digits only, however many: a manager's password is guessable offline, a PIN is not.
    expect(checkManagerSecret('2580')).toBe('managerSecretFormat');
    expect(checkManagerSecret('25801470')).toBe('managerSecretFormat');
    expect(checkManagerSecret('zhouzhan')).toBe('managerSecretFormat');
    expect(checkManagerSecret('zhou258')).toBe('managerSecretFormat');
    expect(checkManagerSecret(' zhou2580')).toBe('managerSecretFormat');
    expect(checkManagerSecret('zhou\u00002580')).toBe('managerSecretFormat');
    expect(checkManagerSecret('a'.repeat(60) + '12345')).toBe('managerSecretFormat');
    expect(checkManagerSecret('aaaa1111')).toBe('managerSecretTooSimple');
    expect(checkManagerSecret('Abcd1234')).toBe('managerSecretTooSimple');
    expect(checkManagerSecret('Password1')).toBe('managerSecretTooSimple');
    expect(checkManagerSecret('zhou2580')).toBeNull();
    expect(checkManagerSecret('阳光站长2580')).toBeNull();
  });

  it("applies a manager's rule to managers and the PIN rule to everyone else", () => {
    expect(checkStaffSecret('manager', '2580')).toBe('managerSecretFormat');
    expect(checkStaffSecret('reception', '2580')).toBeNull();
    expect(checkStaffSecret('reception', 'zhou2580')).toBe('pinFormat');
  });
});
