import { useTranslation } from 'react-i18next';
import { localDay } from '../../../shared/time';
import { announcements$ } from '../../data/district';
import { useDeskRead } from '../kit/hooks';

/** The district's notices for today, above every screen (e.g. "流感季：入园请戴口罩"). */
export function Announcements() {
  const { t } = useTranslation();
  const day = localDay(new Date());
  const notices = useDeskRead(announcements$, [], day);
  if (notices.length === 0) return null;
  return (
    <section className="announcements no-print" aria-label={t('district.announcements')}>
      {notices.map((a) => (
        <article key={a.id} className="notice info">
          <strong>{a.title}</strong>
          {a.text && <span> {a.text}</span>}
          <span className="hint">{t('district.from', { date: a.publishedAt.slice(0, 10) })}</span>
        </article>
      ))}
    </section>
  );
}
