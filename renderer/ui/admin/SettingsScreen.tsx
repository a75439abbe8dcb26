import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { checkDistrictUrl } from '../../sync/enrol';
import { SyncError } from '../../sync/errors';
import { can } from '../../../shared/roles';
import { useDesk } from '../app/DeskContext';
import { BackupPanel } from './BackupPanel';
import { RulesPanel } from './RulesPanel';
import { DailyRulesView } from './DailyRulesView';
import { syncErrorText } from '../app/StatusBar';

interface EnrolForm {
  districtUrl: string;
  code: string;
  deviceName: string;
}

export function SettingsScreen() {
  const { t } = useTranslation();
  const { desk, platform, sync } = useDesk();
  const [failure, setFailure] = useState<string | null>(null);
  const [enrolledTo, setEnrolledTo] = useState(desk.settings.centreName ?? null);
  const [showForm, setShowForm] = useState(!desk.settings.deviceId);
  const {
    register,
    handleSubmit,
    resetField,
    formState: { errors, isSubmitting },
  } = useForm<EnrolForm>({
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
      setEnrolledTo(desk.settings.centreName ?? null);
      resetField('code');
      setShowForm(false);
    } catch (e) {
      setFailure(e instanceof SyncError ? syncErrorText(t, e) : (e as Error).message);
    }
  });

  return (
    <div className="settings">
      <h2>{t('settings.title')}</h2>
      {platform.secretsAreDevelopmentOnly && (
        <p className="notice warn" role="note">
          {t('settings.devOnlySecret')}
        </p>
      )}
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
        <form
          className="panel"
          onSubmit={(e) => void onSubmit(e)}
          noValidate
          aria-label={t('settings.enrol')}
        >
          <div className="field">
            <label htmlFor="districtUrl">{t('settings.districtUrl')}</label>
            <input
              id="districtUrl"
              type="url"
              aria-invalid={!!errors.districtUrl}
              {...register('districtUrl', {
                validate: (v) => (checkDistrictUrl(v) ? true : t('settings.urlInvalid')),
              })}
            />
            <span className="help">{t('settings.districtUrlHelp')}</span>
            {errors.districtUrl && (
              <span className="field-error" role="alert">
                {errors.districtUrl.message}
              </span>
            )}
          </div>
          <div className="field">
            <label htmlFor="code">{t('settings.code')}</label>
            <input
              id="code"
              autoComplete="off"
              aria-invalid={!!errors.code}
              {...register('code', {
                validate: (v) => (v.trim() ? true : t('settings.codeRequired')),
              })}
            />
            {errors.code && (
              <span className="field-error" role="alert">
                {errors.code.message}
              </span>
            )}
          </div>
          <div className="field">
            <label htmlFor="deviceName">{t('settings.deviceName')}</label>
            <input id="deviceName" {...register('deviceName', { required: true })} />
          </div>
          {failure && (
            <p className="notice error" role="alert">
              {failure}
            </p>
          )}
          <button type="submit" className="primary big" disabled={isSubmitting}>
            {isSubmitting ? t('settings.enrolling') : t('settings.enrol')}
          </button>
        </form>
      )}
      {can(desk.session?.staff.role, 'manageStaff') && <BackupPanel />}
      {can(desk.session?.staff.role, 'manageStaff') && <RulesPanel />}
      {can(desk.session?.staff.role, 'manageStaff') && <DailyRulesView />}
    </div>
  );
}
