import { useTranslation } from 'react-i18next';
import type { ExistingPerson } from '../../data/identity';
import { PersonName } from '../kit/PersonName';

/** Why a registration stopped: the ID number is someone's already, or someone looks the same. */
export interface SamePersonQuestion {
  kind: 'taken' | 'likely';
  people: ExistingPerson[];
}

/**
 * Beside the registration's save button: an ID number already on the record is refused and leads
 * to that person's record (never showing the number); a person of the same name and birth date is
 * a warning ("可能重复登记") the worker may confirm past.
 */
export function SamePerson({
  question,
  onOpen,
  onNotSame,
}: {
  question: SamePersonQuestion;
  onOpen(memberId: string): void;
  onNotSame(): void;
}) {
  const { t } = useTranslation();
  const taken = question.kind === 'taken';
  return (
    <div
      className={`notice ${taken ? 'error' : 'warn'} same-person`}
      role={taken ? 'alert' : 'status'}
      ref={(el) => el?.scrollIntoView({ block: 'nearest' })}
    >
      <p>{t(taken ? 'identity.taken' : 'identity.likely')}</p>
      <ul>
        {question.people.map((p) => (
          <li key={p.id}>
            <PersonName person={p} />{' '}
            {t('identity.who', { born: p.birthDate, card: p.cardNo ?? '—' })}{' '}
            <button type="button" className="link" onClick={() => onOpen(p.id)}>
              {t('identity.openExisting')}
            </button>
          </li>
        ))}
      </ul>
      {!taken && (
        <button type="button" onClick={onNotSame}>
          {t('identity.notSame')}
        </button>
      )}
    </div>
  );
}
