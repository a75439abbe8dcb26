import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttendanceDoc, MemberDoc, StaffDoc } from '../../../shared/schemas';
import { PickupRefused, checkOutChild } from '../../data/attendance';
import { staff$ } from '../../data/people';
import { useDesk } from '../app/DeskContext';
import { Dialog } from '../kit/Dialog';
import { InputField, Options, SelectField } from '../kit/Field';
import { useDeskRead } from '../kit/hooks';
import { saveErrorText } from '../kit/errors';
import { NoticeLine } from '../kit/Notice';
import { PinField } from '../kit/PinInput';
import { useNameOf } from '../kit/PersonName';

/**
 * A child goes home: pick the adult from the child's list (photo and name). Anyone else needs the
 * manager's password and a reason, and the override is recorded.
 */
export function PickupDialog({
  child,
  visit,
  onClose,
}: {
  child: MemberDoc;
  visit: AttendanceDoc;
  onClose(done: boolean): void;
}) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const nameOf = useNameOf();
  const [mode, setMode] = useState<'list' | 'override'>('list');
  const [problem, setProblem] = useState<string | null>(null);
  const adults = child.pickupAdults ?? [];

  async function handTo(adultId: string) {
    try {
      await checkOutChild(desk, child, visit.id, { adultId });
      onClose(true);
    } catch (e) {
      setProblem(explain(e));
    }
  }

  function explain(e: unknown): string {
    if (e instanceof PickupRefused) return t(`pickup.refused.${e.reason}`);
    return saveErrorText(t, e);
  }

  return (
    <Dialog title={t('pickup.title', { name: nameOf(child) })} onClose={() => onClose(false)}>
      {mode === 'list' ? (
        <>
          <p className="hint">{t('pickup.pick')}</p>
          {adults.length === 0 && <p className="notice warn">{t('pickup.noneListed')}</p>}
          <ul className="adults">
            {adults.map((adult) => (
              <li key={adult.id}>
                <button type="button" className="adult" onClick={() => void handTo(adult.id)}>
                  {adult.photo ? (
                    <img src={adult.photo} alt="" width={96} height={96} />
                  ) : (
                    <span className="no-photo" aria-hidden="true">
                      {adult.name.slice(0, 1)}
                    </span>
                  )}
                  <span className="name">{adult.name}</span>
                  <span className="meta">
                    {adult.relation}
                    {adult.phone ? ` · ${adult.phone.slice(-4).padStart(11, '*')}` : ''}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="warn-button" onClick={() => setMode('override')}>
            {t('pickup.someoneElse')}
          </button>
        </>
      ) : (
        <OverrideForm
          problem={problem}
          onSubmit={async (values) => {
            try {
              await checkOutChild(desk, child, visit.id, values);
              onClose(true);
            } catch (e) {
              setProblem(explain(e));
            }
          }}
          onBack={() => setMode('list')}
        />
      )}
      {mode === 'list' && <NoticeLine tone="error" text={problem} />}
    </Dialog>
  );
}

function OverrideForm({
  problem,
  onSubmit,
  onBack,
}: {
  problem: string | null;
  onSubmit(values: {
    override: { name: string; relation: string; phone?: string; reason: string };
    managerId: string;
    managerPin: string;
  }): Promise<void>;
  onBack(): void;
}) {
  const { t } = useTranslation();
  const staff = useDeskRead(staff$, [], 'active');
  const managers = staff.filter((s) => s.role === 'manager');
  const [name, setName] = useState('');
  const [relation, setRelation] = useState('');
  const [phone, setPhone] = useState('');
  const [reason, setReason] = useState('');
  const [managerId, setManagerId] = useState('');
  const [pin, setPin] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  const chosen = managerId || (managers.length === 1 ? managers[0]!.id : '');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const empty = [
      ['name', name],
      ['relation', relation],
      ['reason', reason],
      ['manager', chosen],
      ['managerPin', pin],
    ].find(([, v]) => !v?.trim());
    if (empty) return setMissing(empty[0]!);
    setMissing(null);
    await onSubmit({
      override: { name, relation, reason, ...(phone ? { phone } : {}) },
      managerId: chosen,
      managerPin: pin,
    });
    setPin('');
  }

  const required = (id: string) => (missing === id ? t('problem.required') : null);
  const field = (id: string, label: string, value: string, set: (v: string) => void) => (
    <InputField
      id={`ov-${id}`}
      label={label}
      error={required(id)}
      inline
      value={value}
      onChange={(e) => set(e.target.value)}
    />
  );

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="override">
      <p className="notice warn">{t('pickup.overrideHelp')}</p>
      {field('name', t('pickup.adultName'), name, setName)}
      {field('relation', t('pickup.relation'), relation, setRelation)}
      {field('phone', t('pickup.phone'), phone, setPhone)}
      {field('reason', t('pickup.reason'), reason, setReason)}
      <ManagerApproval
        managers={managers}
        chosen={chosen}
        onChoose={setManagerId}
        pin={pin}
        onPin={setPin}
        required={required}
      />
      <NoticeLine tone="error" text={problem} />
      <div className="actions">
        <button type="button" onClick={onBack}>
          {t('common.back')}
        </button>
        <button type="submit" className="primary big">
          {t('pickup.confirmOverride')}
        </button>
      </div>
    </form>
  );
}

/** The manager who allows the pick-up, and their password typed here and now. */
function ManagerApproval({
  managers,
  chosen,
  onChoose,
  pin,
  onPin,
  required,
}: {
  managers: readonly StaffDoc[];
  chosen: string;
  onChoose(id: string): void;
  pin: string;
  onPin(pin: string): void;
  required(id: string): string | null;
}) {
  const { t } = useTranslation();
  return (
    <>
      <SelectField
        id="ov-manager"
        label={t('pickup.manager')}
        error={required('manager')}
        inline
        value={chosen}
        onChange={(e) => onChoose(e.target.value)}
      >
        <Options options={managers} label={(m) => m.name} value={(m) => m.id} none="—" />
      </SelectField>
      <PinField
        id="ov-managerPin"
        label={t('pickup.managerPin')}
        error={required('managerPin')}
        inline
        password
        value={pin}
        onChange={onPin}
      />
    </>
  );
}
