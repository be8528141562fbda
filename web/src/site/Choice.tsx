/**
 * A question with a few answers as big tappable segments: a real radio group (fieldset, legend,
 * labelled inputs) so a screen reader and a keyboard work it like any form, styled for a thumb.
 */
import type { ReactNode } from 'react';

export interface Option<T extends string> {
  value: T;
  label: ReactNode;
  tone?: 'ok' | 'warn' | 'bad';
}

export function Choice<T extends string>({
  name,
  legend,
  options,
  value,
  onChange,
  testId,
}: {
  name: string;
  legend: ReactNode;
  options: readonly Option<T>[];
  value: T | '' | undefined;
  onChange: (v: T) => void;
  testId?: string;
}) {
  return (
    <fieldset className="st-choice" data-testid={testId}>
      <legend className="st-choice__legend">{legend}</legend>
      <div className="st-choice__options">
        {options.map((o) => (
          <label
            key={o.value}
            className={`st-choice__option${o.tone ? ` st-choice__option--${o.tone}` : ''}`}
          >
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
