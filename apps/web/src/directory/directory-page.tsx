import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { directoryApi } from '../api/directory';
import { usePageTitle } from '../app/page';
import { QueryStatus } from '../app/query-status';
import { useSession } from '../auth/auth-context';
import { formatLocalDate, isLocalDate, todayInVietnam } from '../dates';
import { DateField } from './date-field';
import { UnitSearch } from './unit-search';
import { UnitTree } from './unit-tree';

/** The directory on a date: the search and the tree share the date, and the address keeps both (?on=&q=&only=1). */
export function DirectoryPage() {
  const { t, i18n } = useTranslation();
  const { accessToken } = useSession();
  const [params, setParams] = useSearchParams();
  const requested = params.get('on');
  const on = isLocalDate(requested) ? requested : todayInVietnam();
  const q = params.get('q') ?? '';
  const onlyOnDate = params.get('only') === '1';
  usePageTitle(t('directory.title'));

  const update = (changes: Record<string, string | null>, replace: boolean) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === '') next.delete(key);
      else next.set(key, value);
    }
    setParams(next, { replace });
  };

  const tree = useQuery({
    queryKey: ['directory', 'tree', on],
    queryFn: ({ signal }) => directoryApi.tree(accessToken, on, signal),
  });

  return (
    <>
      <h1 className="page-title">{t('directory.title')}</h1>
      <p className="lead">{t('directory.intro')}</p>
      <DateField label={t('directory.date')} hint={t('directory.dateHint')} value={on} onChange={(date) => update({ on: date }, true)} />
      <div className="directory-layout">
        <UnitSearch
          key={`${q}|${onlyOnDate}`}
          q={q}
          onlyOnDate={onlyOnDate}
          on={on}
          onSearch={(words, only) => update({ q: words, only: only ? '1' : null }, false)}
        />
        <section className="panel" aria-labelledby="tree-title" aria-busy={tree.isFetching}>
          <h2 id="tree-title">{t('directory.treeTitle', { date: formatLocalDate(on, i18n.language) })}</h2>
          <QueryStatus query={tree} />
          {tree.data && tree.data.roots.length === 0 ? <p>{t('directory.treeEmpty')}</p> : null}
          {tree.data && tree.data.roots.length > 0 ? <UnitTree key={on} roots={tree.data.roots} on={on} /> : null}
        </section>
      </div>
    </>
  );
}
