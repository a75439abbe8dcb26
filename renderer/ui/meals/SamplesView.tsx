import { useMemo, useState } from 'react';
import { subDays } from 'date-fns';
import { DEFAULT_DAILY_RULES } from '../../../shared/rules/dailySettings';
import { localDay } from '../../../shared/time';
import { dailyRules$, samples$, type MealsDay, type SampleStatus } from '../../data/meals';
import { useDeskRead, useObservable } from '../kit/hooks';
import { useDesk } from '../app/DeskContext';
import type { Notice } from '../kit/Notice';
import { SampleForm } from './SampleForm';
import { SampleReminders } from './SampleReminders';

const NO_SAMPLES: SampleStatus = {
  samples: [],
  reminders: { discardable: [], underWeight: [], discardedEarly: [] },
  missing: [],
};

/** Food samples (食品留样): what is missing, under weight or may go, the form and the last week's. */
export function SamplesView({ day, staffName }: { day: MealsDay; staffName: string }) {
  const { desk } = useDesk();
  const rules = useDeskRead(dailyRules$, DEFAULT_DAILY_RULES).foodSample;
  const from = localDay(subDays(new Date(), 7));
  const status$ = useMemo(
    () => samples$(desk, from, day.day || localDay(new Date())),
    [desk, from, day.day],
  );
  const status = useObservable(status$, NO_SAMPLES);
  const [notice, setNotice] = useState<Notice>(null);
  return (
    <div className="meals-samples">
      <SampleReminders status={status} rules={rules} staffName={staffName} setNotice={setNotice} />
      <SampleForm
        day={day}
        samples={status.samples}
        rules={rules}
        staffName={staffName}
        notice={notice}
        setNotice={setNotice}
      />
    </div>
  );
}
