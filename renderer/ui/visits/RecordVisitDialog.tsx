import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { VisitKind } from '../../../shared/rules/dailySettings';
import type { MemberDoc } from '../../../shared/schemas';
import { recordVisit } from '../../data/visits';
import { dateTimeInput } from '../../../shared/time';
import { readDateTime, showDateTime } from '../../../shared/rules/dates';
import { dateTimeBox } from '../kit/dayInput';
import { useDesk } from '../app/DeskContext';
import { Dialog } from '../kit/Dialog';
import { InputField } from '../kit/Field';
import { VisitChoices } from './VisitChoices';
import { VisitFindings, type Findings } from './VisitFindings';
import { NoticeLine } from '../kit/Notice';
import { careErrors } from '../kit/careErrors';
import { Actions } from '../kit/Actions';
import { useNameOf } from '../kit/PersonName';
import { dayInput } from '../kit/dayInput';

/** Recording a visit in a few taps: kind, reached or not, what was found, the next follow-up. */
export function RecordVisitDialog({
  member,
  onClose,
  onSaved,
}: {
  member: MemberDoc;
  onClose(): void;
  onSaved(text: string): void;
}) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const { desk } = useDesk();
  const [kind, setKind] = useState<VisitKind>('home');
  const [reached, setReached] = useState(true);
  const [at, setAt] = useState(showDateTime(dateTimeInput(new Date())));
  const [visitorName, setVisitorName] = useState('');
  const [findings, setFindings] = useState<Findings>({});
  const [nextDueOn, setNextDueOn] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const outside = kind === 'doctorRound' || kind === 'healthWorker';

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await recordVisit(desk, {
        memberId: member.id,
        visitKind: kind,
        at: new Date(readDateTime(at) ?? Number.NaN),
        reached,
        findings,
        ...(outside && visitorName ? { visitorName } : {}),
        ...(nextDueOn ? { nextDueOn } : {}),
      });
      onSaved(t('visits.saved', { name: nameOf(member), kind: t(`visits.kind_${kind}`) }));
    } catch (e) {
      setErrors(careErrors(t, e));
    }
  }

  return (
    <Dialog title={t('visits.recordFor', { name: nameOf(member) })} onClose={onClose}>
      <form className="record-visit" onSubmit={(e) => void submit(e)} noValidate>
        <VisitChoices
          kind={kind}
          setKind={setKind}
          reached={reached}
          setReached={setReached}
          kindError={errors.visitKind}
        />
        <InputField
          id="visit-at"
          label={t('visits.at')}
          error={errors.at}
          inline
          {...dateTimeBox(at, setAt, t('dates.dateTime'))}
        />
        {outside && (
          <InputField
            id="visit-visitor"
            label={t('visits.visitorName')}
            error={errors.visitorName}
            inline
            value={visitorName}
            onChange={(e) => setVisitorName(e.target.value)}
          />
        )}
        <VisitFindings
          findings={findings}
          errors={errors}
          onChange={(f, text) => setFindings((x) => ({ ...x, [f]: text }))}
        />
        <InputField
          id="visit-next"
          label={t('visits.nextDueOn')}
          error={errors.nextDueOn}
          inline
          {...dayInput(nextDueOn, setNextDueOn, t('register.datePlaceholder'))}
        />
        <Actions main={t('visits.save')} onCancel={onClose} />
        <NoticeLine tone="error" text={errors.form} />
      </form>
    </Dialog>
  );
}
