import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { signInVisitor } from '../../data/attendance';
import { useDesk } from '../app/DeskContext';
import { saveErrorText } from '../kit/errors';
import { InputField } from '../kit/Field';

/** The finder's "visitor" button and, while open, the visitor's form. */
export function VisitorSignIn({
  onSignedIn,
  onClosed,
}: {
  onSignedIn(name: string): void;
  onClosed(): void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <div className="finder-actions">
        <button type="button" onClick={() => setOpen((v) => !v)}>
          {t('visitor.signIn')}
        </button>
      </div>
      {open && (
        <VisitorForm
          onDone={(name) => {
            setOpen(false);
            if (name) onSignedIn(name);
            onClosed();
          }}
        />
      )}
    </>
  );
}

/** A visitor signs in at the desk: name (required), phone, whom or what for. */
function VisitorForm({ onDone }: { onDone(name: string | null): void }) {
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
      <InputField
        id="visitor-name"
        label={t('visitor.name')}
        error={problem}
        autoFocus
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <InputField
        id="visitor-phone"
        label={t('visitor.phone')}
        value={phone}
        onChange={(e) => setPhone(e.target.value)}
      />
      <InputField
        id="visitor-purpose"
        label={t('visitor.purpose')}
        value={purpose}
        onChange={(e) => setPurpose(e.target.value)}
      />
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
