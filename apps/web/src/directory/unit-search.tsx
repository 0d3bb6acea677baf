import { useQuery } from '@tanstack/react-query';
import { FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { directoryApi, FoundUnit } from '../api/directory';
import { ErrorNotice } from '../app/error-notice';
import { useSession } from '../auth/auth-context';
import { formatLocalDate } from '../dates';
import { unitName } from './unit-name';

interface Props {
  readonly q: string;
  readonly onlyOnDate: boolean;
  readonly on: string;
  readonly onSearch: (q: string, onlyOnDate: boolean) => void;
}

/** Search by name, now or former, with or without diacritics; optionally only units valid on the tree's date. */
export function UnitSearch({ q, onlyOnDate, on, onSearch }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [text, setText] = useState(q);
  const [only, setOnly] = useState(onlyOnDate);
  const [tooShort, setTooShort] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const words = text.trim();
    setTooShort(!words);
    if (words) onSearch(words, only);
  };
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('directory.search.title')}</h2>
      <form role="search" className="form form--inline" onSubmit={submit} aria-labelledby={`${id}-title`}>
        <div className="field">
          <label htmlFor={`${id}-q`}>{t('directory.search.label')}</label>
          <input
            id={`${id}-q`}
            type="search"
            name="q"
            value={text}
            maxLength={100}
            placeholder={t('directory.search.placeholder')}
            aria-invalid={tooShort || undefined}
            aria-describedby={tooShort ? `${id}-short` : undefined}
            onChange={(e) => setText(e.target.value)}
          />
          {tooShort ? (
            <p id={`${id}-short`} className="field__error">
              {t('directory.search.tooShort')}
            </p>
          ) : null}
        </div>
        <div className="field field--check">
          <input id={`${id}-only`} type="checkbox" checked={only} onChange={(e) => setOnly(e.target.checked)} />
          <label htmlFor={`${id}-only`}>{t('directory.search.onlyOnDate', { date: formatLocalDate(on, i18n.language) })}</label>
        </div>
        <button type="submit" className="button button--primary">
          {t('directory.search.submit')}
        </button>
      </form>
      {q ? <SearchResults q={q} on={onlyOnDate ? on : null} /> : null}
    </section>
  );
}

function SearchResults({ q, on }: { q: string; on: string | null }) {
  const { t } = useTranslation();
  const { accessToken } = useSession();
  const search = useQuery({
    queryKey: ['directory', 'search', q, on],
    queryFn: ({ signal }) => directoryApi.search(accessToken, q, on, signal),
  });
  return (
    <div className="search-results">
      <div role="status" aria-live="polite">
        {search.isPending ? <p>{t('app.loading')}</p> : null}
        {search.data ? (
          <p>
            {search.data.total ? t('directory.search.results', { count: search.data.total, q }) : t('directory.search.none', { q })}{' '}
            {search.data.total > search.data.units.length ? t('directory.search.shown', { shown: search.data.units.length }) : null}
          </p>
        ) : null}
      </div>
      {search.error ? <ErrorNotice error={search.error} onRetry={() => void search.refetch()} /> : null}
      {search.data?.units.length ? (
        <ol className="result-list">
          {search.data.units.map((unit) => (
            <SearchResult key={unit.unitId} unit={unit} on={on} />
          ))}
        </ol>
      ) : null}
    </div>
  );
}

function SearchResult({ unit, on }: { unit: FoundUnit; on: string | null }) {
  const { t, i18n } = useTranslation();
  const name = unitName(unit, i18n.language);
  const validity = unit.validTo
    ? `${formatLocalDate(unit.validFrom, i18n.language)} – ${formatLocalDate(unit.validTo, i18n.language)}`
    : t('unit.validFrom', { from: formatLocalDate(unit.validFrom, i18n.language) });
  return (
    <li className="result">
      <Link to={on ? `/units/${unit.unitId}?on=${on}` : `/units/${unit.unitId}`} className="result__link">
        {name}
      </Link>
      {unit.matchedName !== unit.nameVi ? (
        <span className="result__former">{t('directory.search.formerName', { name: unit.matchedName })}</span>
      ) : null}
      <span className="result__meta">
        {unit.code} · {t(`unitTypes.${unit.unitType}`)} · {validity} · {t(`statuses.${unit.status ?? 'active'}`)}
      </span>
    </li>
  );
}
