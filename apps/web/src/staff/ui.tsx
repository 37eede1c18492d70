import {
  useId,
  type ReactNode,
  type SelectHTMLAttributes,
  type InputHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';

/** A labelled control with its hint and its error right below it (aria-describedby, aria-invalid). */
export function Field({
  label,
  hint,
  error,
  children,
}: {
  label: string;
  hint?: string;
  error?: string | null;
  children: (p: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', `${id}-err`].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': described })}
      <p id={`${id}-err`} className="field-error">
        {error ?? ''}
      </p>
    </div>
  );
}

export function TextField(
  props: { label: string; hint?: string; error?: string | null } & InputHTMLAttributes<HTMLInputElement>,
) {
  const { label, hint, error, ...rest } = props;
  return (
    <Field label={label} hint={hint} error={error}>
      {(a) => <input {...rest} {...a} />}
    </Field>
  );
}

export function TextArea(
  props: {
    label: string;
    hint?: string;
    error?: string | null;
  } & TextareaHTMLAttributes<HTMLTextAreaElement>,
) {
  const { label, hint, error, ...rest } = props;
  return (
    <Field label={label} hint={hint} error={error}>
      {(a) => <textarea rows={3} {...rest} {...a} />}
    </Field>
  );
}

export function SelectField(
  props: {
    label: string;
    hint?: string;
    error?: string | null;
    options: { value: string; label: string }[];
    placeholder?: string;
  } & SelectHTMLAttributes<HTMLSelectElement>,
) {
  const { label, hint, error, options, placeholder, ...rest } = props;
  return (
    <Field label={label} hint={hint} error={error}>
      {(a) => (
        <select {...rest} {...a}>
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A message that is announced: an error (alert) or a confirmation (status). */
export function Notice({ kind, children }: { kind: 'error' | 'ok'; children: ReactNode }) {
  return (
    <p role={kind === 'error' ? 'alert' : 'status'} className={kind === 'error' ? 'error-box' : 'ok-box'}>
      {children}
    </p>
  );
}

export function download(name: string, content: Blob | string, type = 'text/csv'): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
