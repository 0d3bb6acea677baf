import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isLocalDate } from '../dates';

/** A labelled date input that reports only valid days and says so when the typed one is not. */
export function DateField({
  label,
  hint,
  value,
  onChange,
}: {
  label: string;
  hint?: string;
  value: string;
  onChange: (date: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const invalid = text !== '' && !isLocalDate(text);
  const describedBy = [hint ? `${id}-hint` : null, invalid ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field field--date">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="date"
        value={text}
        min="2000-01-01"
        max="2099-12-31"
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        onChange={(event) => {
          setText(event.target.value);
          if (isLocalDate(event.target.value)) onChange(event.target.value);
        }}
      />
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      {invalid ? (
        <p id={`${id}-error`} className="field__error">
          {t('directory.invalidDate')}
        </p>
      ) : null}
    </div>
  );
}
