/**
 * Adding or editing a connection: the fields its kind needs (kinds.ts), secrets write-only (empty
 * keeps the stored one), errors next to their field, and "Save and test" that shows the remote's
 * answer without closing, so a wrong token can be fixed on the spot.
 */
import { useId, useState } from 'react';
import type { Connection, ConnectionKind } from '../../../../shared/domain';
import { api } from '../../api/client';
import { Modal } from '../../components/modal';
import { t } from '../../i18n';
import { checkLocally, errorsFrom } from './form-errors';
import type { FieldErrors } from './form-errors';
import { CONNECTION_KINDS, KIND_ORDER } from './kinds';
import type { KindField } from './kinds';

type TestResult = { ok: boolean; message: string } | null;

function Field(props: {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  children: (aria: {
    id: string;
    'aria-invalid': boolean;
    'aria-describedby': string | undefined;
  }) => JSX.Element;
}) {
  const hintId = `${props.id}-hint`;
  const errorId = `${props.id}-error`;
  const describedBy = [props.error ? errorId : null, props.hint ? hintId : null].filter(Boolean).join(' ');
  return (
    <div className={props.error ? 'conn-field conn-field--invalid' : 'conn-field'}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.children({
        id: props.id,
        'aria-invalid': !!props.error,
        'aria-describedby': describedBy || undefined,
      })}
      {props.error ? (
        <p className="conn-field__error" id={errorId}>
          {props.error}
        </p>
      ) : null}
      {props.hint ? (
        <p className="conn-field__hint muted" id={hintId}>
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}

function initialSettings(kind: ConnectionKind, conn: Connection | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of CONNECTION_KINDS[kind].fields) {
    if (!f.secret) out[f.name] = conn?.settings[f.name] ?? f.options?.[0] ?? '';
  }
  return out;
}

export function ConnectionForm(props: {
  connection: Connection | null;
  onClose: () => void;
  onSaved: (conn: Connection, closing: boolean) => void;
}) {
  const base = useId();
  const [current, setCurrent] = useState<Connection | null>(props.connection);
  const [kind, setKind] = useState<ConnectionKind>(props.connection?.kind ?? 'wexbo');
  const [name, setName] = useState(props.connection?.name ?? '');
  const [baseUrl, setBaseUrl] = useState(props.connection?.baseUrl ?? '');
  const [settings, setSettings] = useState(() => initialSettings(kind, props.connection));
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);
  const [test, setTest] = useState<TestResult>(null);

  const def = CONNECTION_KINDS[kind];
  const editing = current !== null;
  const demo = current?.demo === true;
  const envOf = (field: string) => current?.settings[`${field}Env`];
  const secretKept = (field: string) => editing || envOf(field) !== undefined;

  const changeKind = (next: ConnectionKind) => {
    setKind(next);
    setSettings(initialSettings(next, null));
    setSecrets({});
    setErrors({});
    setTest(null);
  };

  const save = async (): Promise<Connection | null> => {
    const local = checkLocally({ name, baseUrl, fields: def.fields, settings, secrets, secretKept });
    setErrors(local);
    setGeneral(null);
    if (Object.keys(local).length > 0) {
      document.getElementById(`${base}-${Object.keys(local)[0]}`)?.focus();
      return null;
    }
    const filledSecrets = Object.fromEntries(Object.entries(secrets).filter(([, v]) => v !== ''));
    try {
      const saved = current
        ? await api.invoke('connections:update', {
            connectionId: current.id,
            name: name.trim(),
            ...(demo ? {} : { baseUrl: baseUrl.trim(), settings }),
            ...(!demo && Object.keys(filledSecrets).length > 0 ? { secrets: filledSecrets } : {}),
          })
        : await api.invoke('connections:create', {
            name: name.trim(),
            kind,
            baseUrl: baseUrl.trim(),
            settings: Object.fromEntries(Object.entries(settings).filter(([, v]) => v.trim() !== '')),
            secrets: filledSecrets,
          });
      setCurrent(saved);
      setSecrets({});
      return saved;
    } catch (err) {
      const mapped = errorsFrom(err);
      setErrors(mapped.fields);
      setGeneral(mapped.general);
      const first = Object.keys(mapped.fields)[0];
      if (first) document.getElementById(`${base}-${first}`)?.focus();
      return null;
    }
  };

  const onSave = async () => {
    setBusy('save');
    setTest(null);
    const saved = await save();
    setBusy(null);
    if (saved) props.onSaved(saved, true);
  };

  const onSaveAndTest = async () => {
    setBusy('test');
    setTest(null);
    const saved = await save();
    if (!saved) return setBusy(null);
    props.onSaved(saved, false);
    try {
      setTest(await api.invoke('connections:test', { connectionId: saved.id }));
    } catch (err) {
      setTest({ ok: false, message: err instanceof Error ? err.message : String(err) });
    }
    setBusy(null);
  };

  const input = (f: KindField) => {
    const id = `${base}-${f.name}`;
    const label = t(f.label);
    if (f.secret && envOf(f.name)) {
      return (
        <div className="conn-field" key={f.name}>
          <span className="conn-field__label">{label}</span>
          <p className="muted">{t('connections.form.fromEnv', { name: envOf(f.name) ?? '' })}</p>
        </div>
      );
    }
    const hint = f.secret
      ? t(editing ? 'connections.form.secretKeep' : 'connections.form.secretNew')
      : f.hint
        ? t(f.hint)
        : undefined;
    return (
      <Field
        key={f.name}
        id={id}
        label={f.required ? label : t('connections.form.optional', { label })}
        hint={hint}
        error={errors[f.name]}
      >
        {(aria) =>
          f.options ? (
            <select
              {...aria}
              value={settings[f.name] ?? ''}
              disabled={demo}
              onChange={(e) => setSettings({ ...settings, [f.name]: e.target.value })}
            >
              {f.options.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          ) : (
            <input
              {...aria}
              type={f.secret ? 'password' : 'text'}
              autoComplete={f.secret ? 'new-password' : (f.autoComplete ?? 'off')}
              spellCheck={false}
              disabled={demo}
              placeholder={f.secret && editing ? t('connections.form.secretPlaceholder') : f.placeholder}
              value={(f.secret ? secrets[f.name] : settings[f.name]) ?? ''}
              onChange={(e) =>
                f.secret
                  ? setSecrets({ ...secrets, [f.name]: e.target.value })
                  : setSettings({ ...settings, [f.name]: e.target.value })
              }
            />
          )
        }
      </Field>
    );
  };

  const title = props.connection
    ? t('connections.form.editTitle', { name: props.connection.name })
    : current
      ? t('connections.form.editTitle', { name: current.name })
      : t('connections.form.addTitle');
  const main = def.fields.filter((f) => !f.advanced);
  const advanced = def.fields.filter((f) => f.advanced);

  return (
    <Modal title={title} onClose={props.onClose} className="modal--form">
      <form
        className="conn-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void onSave();
        }}
      >
        {demo ? <p className="conn-form__demo">{t('connections.form.demoNote')}</p> : null}
        {editing ? (
          <div className="conn-field">
            <span className="conn-field__label">{t('connections.form.kind')}</span>
            <p>{t(def.label)}</p>
          </div>
        ) : (
          <Field id={`${base}-kind`} label={t('connections.form.kind')} hint={t(def.help)}>
            {(aria) => (
              <select
                {...aria}
                value={kind}
                data-autofocus
                onChange={(e) => changeKind(e.target.value as ConnectionKind)}
              >
                {KIND_ORDER.map((k) => (
                  <option key={k} value={k}>
                    {t(CONNECTION_KINDS[k].label)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field id={`${base}-name`} label={t('connections.form.name')} error={errors.name}>
          {(aria) => (
            <input
              {...aria}
              type="text"
              autoComplete="off"
              data-autofocus={editing ? true : undefined}
              placeholder={t('connections.form.namePlaceholder')}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>
        <Field
          id={`${base}-baseUrl`}
          label={t('connections.form.url')}
          hint={demo ? undefined : t('connections.form.urlHint')}
          error={errors.baseUrl}
        >
          {(aria) => (
            <input
              {...aria}
              type="url"
              autoComplete="url"
              spellCheck={false}
              disabled={demo}
              placeholder={def.urlPlaceholder}
              value={baseUrl}
              onChange={(e) => setBaseUrl(e.target.value)}
            />
          )}
        </Field>
        {main.map(input)}
        {advanced.length > 0 ? (
          <details className="conn-form__more" open={advanced.some((f) => errors[f.name])}>
            <summary>{t('connections.form.more')}</summary>
            <div className="conn-form__more-body">{advanced.map(input)}</div>
          </details>
        ) : null}

        <div className="conn-form__result" role="status" aria-live="polite">
          {busy === 'test' ? <span className="muted">{t('connections.form.testing')}</span> : null}
          {test ? (
            <p className={test.ok ? 'conn-test conn-test--ok' : 'conn-test conn-test--failed'}>
              <span aria-hidden="true">{test.ok ? '✓ ' : '✕ '}</span>
              <strong>{t(test.ok ? 'connections.test.ok' : 'connections.test.failed')}</strong> {test.message}
            </p>
          ) : null}
        </div>
        {general ? (
          <p className="error-text conn-form__general" role="alert">
            {general}
          </p>
        ) : null}

        <div className="modal__actions">
          <button type="button" onClick={props.onClose}>
            {test || (editing && !props.connection) ? t('connections.form.close') : t('modal.cancel')}
          </button>
          <button type="button" disabled={busy !== null} onClick={() => void onSaveAndTest()}>
            {t('connections.form.saveAndTest')}
          </button>
          <button type="submit" className="primary" disabled={busy !== null}>
            {t('connections.form.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
