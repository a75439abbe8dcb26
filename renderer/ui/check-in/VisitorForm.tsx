import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { signInVisitor } from '../../data/attendance';
import { useDesk } from '../app/DeskContext';
import { saveErrorText } from '../kit/errors';

/** A visitor signs in at the desk: name (required), phone, whom or what for. */
export function VisitorForm({ onDone }: { onDone(name: string | null): void }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [purpose, setPurpose] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setProblem(t('problem.required'));
    try {
      await signInVisitor(desk, { name, phone, purpose });
      onDone(name.trim());
    } catch (e) {
      setProblem(saveErrorText(t, e));
    }
  }

  return (
    <form className="panel visitor" onSubmit={(e) => void submit(e)} noValidate>
      <div className="field">
        <label htmlFor="visitor-name">{t('visitor.name')}</label>
        <input
          id="visitor-name"
          autoFocus
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={!!problem}
        />
        {problem && (
          <span className="field-error" role="alert">
            {problem}
          </span>
        )}
      </div>
      <div className="field">
        <label htmlFor="visitor-phone">{t('visitor.phone')}</label>
        <input id="visitor-phone" value={phone} onChange={(e) => setPhone(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="visitor-purpose">{t('visitor.purpose')}</label>
        <input id="visitor-purpose" value={purpose} onChange={(e) => setPurpose(e.target.value)} />
      </div>
      <div className="actions">
        <button type="button" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="primary">
          {t('visitor.save')}
        </button>
      </div>
    </form>
  );
}
