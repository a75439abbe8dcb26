import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { checkDistrictUrl } from '../../sync/enrol';
import { SyncError } from '../../sync/errors';
import { useDesk } from '../app/DeskContext';
import { syncErrorText } from '../kit/errors';
import { InputField } from '../kit/Field';
import { NoticeLine } from '../kit/Notice';

interface EnrolValues {
  districtUrl: string;
  code: string;
  deviceName: string;
}

/** Which district this desk syncs with: enrolled to a centre, or the form to enrol (again). */
export function EnrolPanel() {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [enrolledTo, setEnrolledTo] = useState(desk.settings.centreName ?? null);
  const [showForm, setShowForm] = useState(!desk.settings.deviceId);
  return (
    <>
      <section aria-labelledby="enrol-title" className="panel">
        <h3 id="enrol-title">{t('settings.enrolTitle')}</h3>
        {enrolledTo && (
          <p className="notice ok" role="status">
            {t('settings.enrolled', { centre: enrolledTo })}
            <br />
            {t('settings.deviceId', { id: desk.settings.deviceId })}
          </p>
        )}
        {!showForm && (
          <button type="button" onClick={() => setShowForm(true)}>
            {t('settings.enrolAgain')}
          </button>
        )}
        {showForm && <p className="help">{t('settings.enrolHelp')}</p>}
      </section>
      {showForm && (
        <EnrolForm
          onEnrolled={() => {
            setEnrolledTo(desk.settings.centreName ?? null);
            setShowForm(false);
          }}
        />
      )}
    </>
  );
}

/** The district's address and the one-time code it issued: traded for this desk's token. */
function EnrolForm({ onEnrolled }: { onEnrolled(): void }) {
  const { t } = useTranslation();
  const { desk, sync } = useDesk();
  const [failure, setFailure] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    resetField,
    formState: { errors, isSubmitting },
  } = useForm<EnrolValues>({
    defaultValues: {
      districtUrl: desk.settings.districtUrl ?? '',
      code: '',
      deviceName: t('settings.deviceNameDefault'),
    },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      await sync.enrol(values);
      resetField('code');
      onEnrolled();
    } catch (e) {
      setFailure(e instanceof SyncError ? syncErrorText(t, e) : (e as Error).message);
    }
  });

  return (
    <form
      className="panel"
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      aria-label={t('settings.enrol')}
    >
      <InputField
        id="districtUrl"
        label={t('settings.districtUrl')}
        hint={t('settings.districtUrlHelp')}
        error={errors.districtUrl?.message}
        type="url"
        {...register('districtUrl', {
          validate: (v) => (checkDistrictUrl(v) ? true : t('settings.urlInvalid')),
        })}
      />
      <InputField
        id="code"
        label={t('settings.code')}
        error={errors.code?.message}
        autoComplete="off"
        {...register('code', {
          validate: (v) => (v.trim() ? true : t('settings.codeRequired')),
        })}
      />
      <InputField
        id="deviceName"
        label={t('settings.deviceName')}
        {...register('deviceName', { required: true })}
      />
      <NoticeLine tone="error" text={failure} />
      <button type="submit" className="primary big" disabled={isSubmitting}>
        {isSubmitting ? t('settings.enrolling') : t('settings.enrol')}
      </button>
    </form>
  );
}
