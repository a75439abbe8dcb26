import { checkIdCard, type IdCardProblem } from './idcard';
import { normalizeMobile } from './phone';

export interface MemberInput {
  kind: 'elder' | 'child';
  name: string;
  gender: 'M' | 'F' | '';
  birthDate: string;
  idNumber: string;
  phone: string;
  note: string;
}

export type MemberField = keyof MemberInput;
/** Problems are codes; the desk words them in the user's language (renderer/i18n). */
export type MemberProblem =
  | 'required'
  | 'tooLong'
  | 'notChinese'
  | 'dateFormat'
  | 'dateInFuture'
  | 'elderTooYoung'
  | 'childTooOld'
  | `idCard.${IdCardProblem}`
  | 'idCardBirthDateMismatch'
  | 'idCardGenderMismatch'
  | 'phone';

export interface MemberFieldError {
  field: MemberField;
  problem: MemberProblem;
}

export interface CleanMember {
  kind: 'elder' | 'child';
  name: string;
  gender: 'M' | 'F';
  birthDate: string;
  idNumber?: string;
  phone?: string;
  note?: string;
}

function ageOn(birthDate: string, today: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  let age = today.getFullYear() - y;
  if (today.getMonth() + 1 < m || (today.getMonth() + 1 === m && today.getDate() < d)) age--;
  return age;
}

/** Elders are served from 60 (docs/DOMAIN.md); children up to 6. */
const ELDER_MIN_AGE = 60;
const CHILD_MAX_AGE = 6;

export function validateMemberInput(
  input: MemberInput,
  today: Date = new Date(),
): { ok: true; value: CleanMember } | { ok: false; errors: MemberFieldError[] } {
  const errors: MemberFieldError[] = [];
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (!name) errors.push({ field: 'name', problem: 'required' });
  else if (name.length > 40) errors.push({ field: 'name', problem: 'tooLong' });

  if (input.gender !== 'M' && input.gender !== 'F')
    errors.push({ field: 'gender', problem: 'required' });

  const birthDate = input.birthDate.trim();
  if (!birthDate) errors.push({ field: 'birthDate', problem: 'required' });
  else if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate) || Number.isNaN(Date.parse(birthDate)))
    errors.push({ field: 'birthDate', problem: 'dateFormat' });
  else if (Date.parse(birthDate) > today.getTime())
    errors.push({ field: 'birthDate', problem: 'dateInFuture' });
  else if (input.kind === 'elder' && ageOn(birthDate, today) < ELDER_MIN_AGE)
    errors.push({ field: 'birthDate', problem: 'elderTooYoung' });
  else if (input.kind === 'child' && ageOn(birthDate, today) > CHILD_MAX_AGE)
    errors.push({ field: 'birthDate', problem: 'childTooOld' });

  let idNumber: string | undefined;
  if (input.idNumber.trim()) {
    const id = checkIdCard(input.idNumber, today);
    if (!id.ok) errors.push({ field: 'idNumber', problem: `idCard.${id.problem}` });
    else {
      idNumber = id.normalized;
      if (birthDate && id.birthDate !== birthDate)
        errors.push({ field: 'idNumber', problem: 'idCardBirthDateMismatch' });
      else if ((input.gender === 'M' || input.gender === 'F') && id.gender !== input.gender)
        errors.push({ field: 'idNumber', problem: 'idCardGenderMismatch' });
    }
  }

  let phone: string | undefined;
  if (input.phone.trim()) {
    const normalized = normalizeMobile(input.phone);
    if (!normalized) errors.push({ field: 'phone', problem: 'phone' });
    else phone = normalized;
  }

  const note = input.note.trim();
  if (note.length > 500) errors.push({ field: 'note', problem: 'tooLong' });

  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      kind: input.kind,
      name,
      gender: input.gender as 'M' | 'F',
      birthDate,
      ...(idNumber ? { idNumber } : {}),
      ...(phone ? { phone } : {}),
      ...(note ? { note } : {}),
    },
  };
}
