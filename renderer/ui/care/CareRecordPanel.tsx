import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Observable } from 'rxjs';
import type { MemberDoc } from '../../../shared/schemas';
import type { MeasurementKind } from '../../../shared/schemas/care';
import { openCareRecord, type CareRecord } from '../../data/care';
import { useDesk } from '../app/DeskContext';
import { useObservable } from '../kit/hooks';
import { Incidents } from './Incidents';
import { MeasureForm } from './MeasureForm';
import { AssessmentPanel } from '../people/AssessmentPanel';
import { Trend } from './Trend';
import { FlaggedChecks } from './FlaggedChecks';
import { NoticeLine } from '../kit/Notice';
import { careErrors } from '../kit/careErrors';
import { useNameOf } from '../kit/PersonName';

/**
 * One person's health record: opening it is logged (the audit log's sensitive view), then the
 * measurement form, the trend of each kind measured, and the incidents.
 */
export function CareRecordPanel({ member, onClose }: { member: MemberDoc; onClose(): void }) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const { desk } = useDesk();
  const [record$, setRecord$] = useState<Observable<CareRecord> | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // Opening the record is what the audit log records: once per opening of this panel.
  useEffect(() => {
    let cancelled = false;
    openCareRecord(desk, member.id).then(
      (source) => !cancelled && setRecord$(source),
      (e: unknown) => !cancelled && setFailure(careErrors(t, e).form ?? String(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [desk, member.id, t]);
  const record = useObservable(record$, null);
  const kinds: MeasurementKind[] =
    member.kind === 'elder' ? ['bloodPressure', 'bloodSugar'] : ['heightWeight'];

  return (
    <section className="panel care-record" aria-labelledby="care-record-title">
      <div className="section-head">
        <h2 id="care-record-title">{t('care.recordOf', { name: nameOf(member) })}</h2>
        <span className="hint">{t('care.viewLogged')}</span>
        <button type="button" onClick={onClose}>
          {t('care.close')}
        </button>
      </div>
      <NoticeLine tone="error" text={failure} />
      {record && (
        <>
          {member.kind === 'elder' && <AssessmentPanel member={member} />}
          <MeasureForm member={member} kinds={kinds} />
          {kinds.map((k) => (
            <Trend
              key={k}
              kind={k}
              member={member}
              docs={record.measurements.filter((m) => m.kind === k)}
            />
          ))}
          {member.kind === 'child' && <FlaggedChecks memberId={member.id} />}
          <Incidents member={member} incidents={record.incidents} />
        </>
      )}
    </section>
  );
}
