/** Consents as tests give them (shared/rules/consent.ts): by the person, or by a guardian. */
import type { ConsentInput } from '../../shared/rules/consent';
import type { ConsentScope } from '../../shared/schemas/consents';

/** An elder's own consent to these purposes. */
export function ownConsent(...scopes: ConsentScope[]): ConsentInput {
  return { givenBy: '本人签字', relation: '本人', scopes };
}

/** A child's father's consent to the child's data, and to these purposes besides. */
export function guardianConsent(...scopes: ConsentScope[]): ConsentInput {
  return { givenBy: '李建国', relation: '父亲', scopes: ['childData', ...scopes] };
}
