import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffDoc } from '../../../shared/schemas';
import { checkPin } from '../../../shared/validation/secrets';
import { setPinHere } from '../../data/staff';
import { useDesk } from '../app/DeskContext';
import { saveErrorText } from '../kit/errors';
import { Field, fieldAria } from '../kit/Field';
import { NoticeLine, type Notice } from '../kit/Notice';
import { PinInput } from '../kit/PinInput';

/**
 * Sets a staff member's PIN on this desk: PINs stay on the desk where a manager set them, so a
 * person who works on several desks gets one on each (managers log in with their password).
 */
export function SetPinHereForm({ staff, onSet }: { staff: readonly StaffDoc[]; onSet(): void }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const people = staff.filter((s) => s.active && s.role !== 'manager');
  const [who, setWho] = useState('');
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<Notice>(null);
  const chosen = people.find((p) => p.id === who) ?? people[0];

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    if (!chosen) return;
    const pinProblem = checkPin(pin);
    if (pinProblem) return setProblem(t(`problem.${pinProblem}`));
    setProblem(null);
    try {
      await setPinHere(desk, chosen.id, pin);
      setPin('');
      setSaved({ tone: 'ok', text: t('staff.pinSetHere', { name: chosen.name }) });
      onSet();
    } catch (e) {
      setSaved({ tone: 'error', text: saveErrorText(t, e) });
    }
  }

  if (people.length === 0) return null;
  return (
    <form className="panel" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="set-pin">
      <h3 id="set-pin">{t('staff.setPinTitle')}</h3>
      <p className="hint">{t('staff.setPinHelp')}</p>
      <Field id="set-pin-who" label={t('staff.setPinWho')}>
        <select id="set-pin-who" value={chosen?.id ?? ''} onChange={(e) => setWho(e.target.value)}>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="set-pin-pin" label={t('staff.pin')} error={problem}>
        <PinInput
          id="set-pin-pin"
          value={pin}
          onChange={setPin}
          {...fieldAria('set-pin-pin', problem)}
        />
      </Field>
      <button type="submit" className="primary">
        {t('staff.setPinSave')}
      </button>
      <NoticeLine notice={saved} />
    </form>
  );
}
