import { useTranslation } from 'react-i18next';
import type { DistrictDoc } from '../../../shared/schemas';

/** The district's activity templates, read-only; who plans activities may adopt one. */
export function Templates({
  templates,
  onAdopt,
}: {
  templates: DistrictDoc[];
  /** Absent for those who may not plan. */
  onAdopt: ((template: DistrictDoc) => void) | null;
}) {
  const { t } = useTranslation();
  return (
    <section className="templates" aria-labelledby="templates-title">
      <h2 id="templates-title">{t('schedule.templates')}</h2>
      {templates.length === 0 ? (
        <p className="empty">{t('schedule.noTemplates')}</p>
      ) : (
        <ul>
          {templates.map((tpl) => (
            <li key={tpl.id} className="template">
              <strong>{tpl.title}</strong>
              <span className="meta">
                {t(`schedule.category.${tpl.template?.category ?? 'elder'}`, {
                  defaultValue: tpl.template?.category ?? '',
                })}
                {tpl.template && ` · ${t('schedule.minutes', { count: tpl.template.minutes })}`}
                {tpl.template?.capacity !== undefined &&
                  ` · ${t('schedule.capacityOf', { count: tpl.template.capacity })}`}
              </span>
              {tpl.text && <span className="text">{tpl.text}</span>}
              {onAdopt && (
                <button type="button" onClick={() => onAdopt(tpl)}>
                  {t('schedule.adopt')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
